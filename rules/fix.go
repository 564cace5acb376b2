package rules

import "github.com/vetfolio/vetfolio/internal/stacks"

// Steps is a check's remediation: the ID its stack-specific steps are
// filed under in the stack packs (internal/stacks/<group>, Fixes), and the
// generic steps given when no pack has steps for the project's stack.
type Steps struct {
	// ID is the check ID the packs key their steps by ("auth.mechanism"),
	// or a check ID with a suffix for a variant ("api-docs.live+graphql").
	ID string
	// Generic steps are given when no pack has steps for the stack.
	Generic []string
}

// For returns the steps for a stack: its framework's or its language's
// pack's steps when there are some, else the generic ones.
func (st Steps) For(s Stack) []string {
	if st.ID != "" {
		if steps, ok := stacks.Fix(st.ID, s); ok {
			return steps
		}
	}
	return st.Generic
}

// ForStack picks the remediation steps for a stack from a table keyed by
// stack: the entry for the framework if there is one, else the
// language's, else the one under "". Keys are framework IDs (fastapi,
// spring-boot, express, gin, ...) or language IDs (python, java,
// javascript, typescript, go, ...). The rubric's own steps are Steps
// filed in the stack packs; ForStack stays for programs that build checks
// of their own.
func ForStack(s Stack, steps map[string][]string) []string {
	if v, ok := steps[s.Framework]; ok && s.Framework != "" {
		return v
	}
	if v, ok := steps[s.Language]; ok && s.Language != "" {
		return v
	}
	// TypeScript projects take JavaScript advice when none is written for them.
	if s.Language == "typescript" {
		if v, ok := steps["javascript"]; ok {
			return v
		}
	}
	return steps[""]
}
