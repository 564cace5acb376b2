package history

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/vetfolio/vetfolio/internal/fixture"
	"github.com/vetfolio/vetfolio/internal/source"
)

// TestFromGit runs the summary over histories git itself wrote, so the
// counts the local source reads and the thresholds here agree.
func TestFromGit(t *testing.T) {
	start := time.Date(2024, 1, 8, 9, 0, 0, 0, time.UTC)
	upload := map[string]string{}
	for i := range 30 {
		upload[fmt.Sprintf("src/main/java/com/shop/C%d.java", i)] = fmt.Sprintf("class C%d {}\n", i)
	}
	bulkDir := fixture.Repo(t, "", []fixture.Commit{
		{When: start, Message: "Initial commit", Files: map[string]string{"README.md": "# shop\n"}},
		{When: start.Add(time.Hour), Message: "Add files via upload", Files: upload},
		{When: start.AddDate(0, 0, 1), Message: "Update README.md", Files: map[string]string{"README.md": "# shop\nA shop.\n"}},
	})

	var steady []fixture.Commit
	for i := range 12 {
		steady = append(steady, fixture.Commit{When: start.AddDate(0, 0, 3*i),
			Message: fmt.Sprintf("Add the C%d service with its repository", i),
			Files:   map[string]string{fmt.Sprintf("src/C%d.java", i): "class C {}\n"}})
	}
	steadyDir := fixture.Repo(t, "", steady)

	now := start.AddDate(0, 2, 0)
	for _, tt := range []struct {
		dir              string
		bulk             bool
		commits, weeks   int
		vagueShareAtMost float64
	}{
		{bulkDir, true, 3, 1, 1},
		{steadyDir, false, 12, 5, 0},
	} {
		snap, err := source.Local(context.Background(), tt.dir)
		if err != nil {
			t.Fatal(err)
		}
		h := Summarize(snap.Commits, snap.Files, now)
		snap.Close()
		if h.BulkUpload != tt.bulk || h.Commits != tt.commits || h.ActiveWeeks != tt.weeks || h.VagueShare > tt.vagueShareAtMost {
			t.Errorf("%s: BulkUpload=%v (%v, %q) Commits=%d ActiveWeeks=%d VagueShare=%v",
				tt.dir, h.BulkUpload, h.BulkShare, h.BulkSubject, h.Commits, h.ActiveWeeks, h.VagueShare)
		}
	}
}

// All the code in one commit, then ten README and .gitignore commits over
// five weeks: the old rule counted the commits that followed and passed
// it; where the code came from says it was uploaded. A project whose code
// grew over the same weeks passes.
func TestCodeBulkFromGit(t *testing.T) {
	start := time.Date(2024, 3, 4, 9, 0, 0, 0, time.UTC)
	code := map[string]string{"README.md": "# api\n", "requirements.txt": "fastapi\n"}
	for i := range 8 {
		code[fmt.Sprintf("docs/page%d.md", i)] = "# page\n"
	}
	for i := range 12 {
		code[fmt.Sprintf("app/routers/r%d.py", i)] = fmt.Sprintf("def r%d(): pass\n", i)
	}
	uploaded := []fixture.Commit{{When: start, Message: "Add the API", Files: code}}
	for i := range 10 {
		uploaded = append(uploaded, fixture.Commit{When: start.AddDate(0, 0, 4*(i+1)),
			Message: fmt.Sprintf("Document step %d of the setup", i),
			Files:   map[string]string{"README.md": fmt.Sprintf("# api\nstep %d\n", i), ".gitignore": fmt.Sprintf(".env\n# %d\n", i)}})
	}
	docs := map[string]string{"README.md": "# api\n", "app/main.py": "app = 1\n"}
	for i := range 8 {
		docs[fmt.Sprintf("docs/page%d.md", i)] = "# page\n"
	}
	grown := []fixture.Commit{{When: start, Message: "Start the API", Files: docs}}
	for i := range 12 {
		grown = append(grown, fixture.Commit{When: start.AddDate(0, 0, 3*(i+1)), Message: fmt.Sprintf("Add router %d with its tests", i),
			Files: map[string]string{fmt.Sprintf("app/routers/r%d.py", i): "def r(): pass\n"}})
	}
	// A skeleton of all the code, then 30 code commits (each with a note) in
	// ten busy days: the file rule does not fire, and neither may the code one.
	busy := []fixture.Commit{{When: start, Message: "Create the project from the framework skeleton", Files: code}}
	for i := range 30 {
		busy = append(busy, fixture.Commit{When: start.Add(time.Duration(8*(i+1)) * time.Hour), Message: fmt.Sprintf("Implement handler %d", i),
			Files: map[string]string{fmt.Sprintf("app/routers/r%d.py", i%12): fmt.Sprintf("def r(): return %d\n", i),
				fmt.Sprintf("docs/notes%d.md", i): "# notes\n"}})
	}
	now := start.AddDate(0, 3, 0)
	for _, tt := range []struct {
		name string
		dir  string
		bulk bool
	}{
		{"skeleton then many code commits in two weeks", fixture.Repo(t, "", busy), false},
		{"uploaded then README commits", fixture.Repo(t, "", uploaded), true},
		{"code grown over weeks", fixture.Repo(t, "", grown), false},
	} {
		snap, err := source.Local(context.Background(), tt.dir)
		if err != nil {
			t.Fatal(err)
		}
		h := Summarize(snap.Commits, snap.Files, now)
		snap.Close()
		if h.CodeBulk != tt.bulk || h.BulkUpload != tt.bulk {
			t.Errorf("%s: CodeBulk=%v BulkUpload=%v (added %d of %d code files, %d code commits after)",
				tt.name, h.CodeBulk, h.BulkUpload, h.CodeBulkAdded, h.CodeFiles, h.CodeCommitsAfter)
		}
	}
}
