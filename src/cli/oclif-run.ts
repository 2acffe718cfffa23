/**
 * oclif's own `run` (help, --version, unknown words), imported by main.ts only when needed. A
 * module of its own because a dynamic import of oclif's CommonJS module straight from the bundle
 * would expose only its default export.
 */
export { run } from '@oclif/core/run';
