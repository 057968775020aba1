// The package version, in one place for reports and the control API.
export const TOOL_VERSION = '0.1.0';
