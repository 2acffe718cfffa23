/**
 * The concrete syntax tree of an scst.conf: statements with their tokens and positions, nested
 * by braces, plus the file's physical lines. Comments and blank lines are not nodes: they stay
 * in `lines`, and a format-preserving edit replaces only the line ranges of the nodes it changes.
 */

export interface Token {
  /** The token as scstadmin reads it: escapes resolved, quotes removed. */
  text: string;
  quoted: boolean;
  line: number;
  col: number;
}

export interface CstNode {
  tokens: Token[];
  /** Line and column of the first token. */
  line: number;
  col: number;
  /** First and last physical line of the node (the header to the closing brace). */
  startLine: number;
  endLine: number;
  /** Present when the statement opened a `{ }` body. */
  children?: CstNode[];
  /** Where the body's braces are (section nodes only). */
  open?: { line: number; col: number };
  close?: { line: number; col: number };
}

export interface ConfSource {
  file: string;
  /** Physical lines without their line ends. */
  lines: string[];
  eol: '\n' | '\r\n';
  finalNewline: boolean;
}
