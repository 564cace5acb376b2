// Package e2e holds vetfolio's end-to-end tests: fixture repositories for
// every mainstream stack, built with internal/fixture and audited through
// the real pipeline (internal/audit and internal/cli), with golden reports.
// It has no non-test code.
package e2e
