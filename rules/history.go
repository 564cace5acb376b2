package rules

// historyCriterion is a stub, to be written.
var historyCriterion = &Criterion{
	ID:    "history",
	Title: "Commit history",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "history.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
