/** The program version, printed by --version and stamped on reports. */
export const VERSION = "0.2.0";
