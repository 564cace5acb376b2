package rules

// databaseCriterion is a stub, to be written.
var databaseCriterion = &Criterion{
	ID:    "database",
	Title: "Database design",
	Doc:   "TODO",
	Checks: []*Check{{
		ID: "database.todo", Title: "TODO", Doc: "TODO", Points: 1,
		Run: func(f *Facts) Result { return Skip("not written yet") },
		Fix: func(s Stack) []string { return nil },
	}},
}
