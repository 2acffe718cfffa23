/**
 * Exit codes of `status` commands, from the LSB init-script table (which systemd and
 * monitoring tools read): they differ from the product's other exit codes on purpose.
 */
export const LSB_STATUS = {
  RUNNING: 0,
  /** Dead, but a PID file exists. */
  DEAD_PID_FILE: 1,
  NOT_RUNNING: 3,
  UNKNOWN: 4,
} as const;
