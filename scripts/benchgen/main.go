// Command benchgen writes a git fast-import stream for a synthetic
// repository: a backend project of many files and commits, spread over
// months, for benchmarking vetfolio against a floor (scripts/bench.sh).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	files := flag.Int("files", 20000, "number of files in the final tree")
	commits := flag.Int("commits", 5000, "number of commits")
	flag.Parse()
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()

	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	perCommit := max(1, *files / *commits)
	next := 0 // next file index to add
	for c := 0; c < *commits; c++ {
		when := start.Add(time.Duration(c) * 3 * time.Hour)
		msg := fmt.Sprintf("feat(module%d): add handlers and tests for resource %d", c%50, c)
		fmt.Fprintf(w, "commit refs/heads/main\nauthor Dev <dev@example.com> %d +0000\ncommitter Dev <dev@example.com> %d +0000\n", when.Unix(), when.Unix())
		fmt.Fprintf(w, "data %d\n%s\n", len(msg), msg)
		n := perCommit
		if c == *commits-1 {
			n = *files - next
		}
		for i := 0; i < n && next < *files; i++ {
			writeFile(w, next, c)
			next++
		}
		// Touch an earlier file too, as real work does.
		if next > 10 {
			writeFile(w, (c*7919)%next, c)
		}
	}
}

// writeFile adds or changes file i in a realistic mix of languages and kinds.
func writeFile(w *bufio.Writer, i, rev int) {
	var path, body string
	mod := i / 200
	switch i % 10 {
	case 0, 1, 2, 3:
		path = fmt.Sprintf("app/module%d/handlers_%d.py", mod, i)
		body = fmt.Sprintf("from fastapi import APIRouter, Depends, HTTPException\n\nrouter = APIRouter(prefix=\"/r%d\")\n\n\n@router.get(\"/items/{item_id}\")\ndef get_item_%d(item_id: int):\n    \"\"\"Return one item (revision %d).\"\"\"\n    if item_id < 0:\n        raise HTTPException(status_code=404, detail=\"not found\")\n    return {\"id\": item_id}\n", i, i, rev)
	case 4, 5:
		path = fmt.Sprintf("app/module%d/models_%d.py", mod, i)
		body = fmt.Sprintf("from sqlalchemy import ForeignKey, String\nfrom sqlalchemy.orm import Mapped, mapped_column, relationship\n\nfrom app.db import Base\n\n\nclass Thing%d(Base):\n    __tablename__ = \"thing_%d\"\n    id: Mapped[int] = mapped_column(primary_key=True)\n    name: Mapped[str] = mapped_column(String(80))\n    owner_id: Mapped[int] = mapped_column(ForeignKey(\"users.id\"))\n", i, i)
	case 6, 7:
		path = fmt.Sprintf("tests/module%d/test_%d.py", mod, i)
		body = fmt.Sprintf("def test_item_%d(client):\n    assert client.get(\"/r%d/items/1\").status_code == 200\n", i, i)
	case 8:
		path = fmt.Sprintf("docs/module%d/notes_%d.md", mod, i)
		body = fmt.Sprintf("# Notes %d\n\nDesign notes for module %d, revision %d.\n", i, mod, rev)
	default:
		path = fmt.Sprintf("web/src/module%d/view_%d.ts", mod, i)
		body = fmt.Sprintf("export async function load%d() {\n  const r = await fetch('/api/r%d/items');\n  return r.json();\n}\n", i, i)
	}
	fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", path, len(body), body)
}
