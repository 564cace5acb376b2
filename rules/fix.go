package rules

// ForStack picks the remediation steps for a stack: the entry for the
// framework if there is one, else the language's, else the one under "".
// Keys are framework IDs (fastapi, spring-boot, express, gin, ...) or
// language IDs (python, java, javascript, typescript, go, ...).
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
