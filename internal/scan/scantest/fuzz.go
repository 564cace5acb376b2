// Package scantest holds what the detectors' tests share: the fuzz
// harness every detector's scanner runs under.
package scantest

import (
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// Paths are the kinds of file a detector is shown while fuzzing.
var Paths = []string{
	"app.py", "urls.py", "src/main/java/Api.java", "Api.kt", "src/app.ts", "server.js", "main.go",
	"package.json", "requirements.txt", "pyproject.toml", "go.mod", "pom.xml", "build.gradle",
	"Dockerfile", "docker-compose.yml", ".github/workflows/ci.yml", "README.md", "openapi.yaml",
	"schema.graphql", ".env", "application.yml", "settings.py", "migrations/0001_initial.py",
	"Controllers/BooksController.cs", "config/routes.rb", "routes/api.php",
}

// seeds start the corpus with the shapes the detectors read, and the
// unclosed call that once made one of them quadratic.
var seeds = []string{
	"@app.get(\"/items/{id}\")\ndef read(id: int): ...\n",
	"@RequestMapping(value={\"/a\", \"/b\"}, method=RequestMethod.GET)\n",
	"router.get('/x', auth, (req, res) => res.json({}))\napp.use((err, req, res, next) => {})\n",
	"r.Route(\"/t\", func(r chi.Router) { r.Get(\"/\", h) })\n",
	"{\"dependencies\": {\"express\": \"^4\", \"jsonwebtoken\": \"9\"}}\n",
	"FROM python:3.12\nUSER app\nCMD [\"gunicorn\"]\n",
	"# API\n\nLive: https://x.onrender.com\n\n## Setup\n\n```\npip install\n```\n",
	"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
	"type Query { books: [Book!]! }\n",
	"openapi: 3.0.0\npaths:\n  /x:\n    get: {}\n",
	"@app.get(\"/@app.get(\"/@app.get(\"/@app.get(\"/",
}

// Fuzz shows a fresh detector arbitrary content under each kind of path:
// it must neither panic nor blow up (the collector recovers a panic, but
// a hostile file must not turn a check into an internal error).
func Fuzz(f *testing.F, newDetector func() scan.Detector) {
	for i, seed := range seeds {
		f.Add(uint8(i), []byte(seed))
	}
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		d := newDetector()
		p := Paths[int(kind)%len(Paths)]
		file := scan.File{Path: p}
		if d.Wants(scan.Classify(p)) {
			file.Data = data
		}
		d.Scan(file)
		d.Finish(&facts.Facts{Stack: facts.Stack{Dependencies: map[string]bool{}}})
	})
}
