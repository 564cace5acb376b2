package rules

// securityCriterion is a stub, to be written.
var securityCriterion = &Criterion{
	ID:    "security",
	Title: "Security hygiene",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "security.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
