package rules

// authCriterion is a stub, to be written.
var authCriterion = &Criterion{
	ID:    "auth",
	Title: "Authentication",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "auth.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
