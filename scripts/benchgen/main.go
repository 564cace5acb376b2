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
	words := flag.Bool("words", false, "fill files with prose and config lines full of token, user, password and value, the words the secret rules key on")
	flag.Parse()
	write := writeFile
	if *words {
		write = writeWordyFile
	}
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
			write(w, next, c)
			next++
		}
		// Touch an earlier file too, as real work does.
		if next > 10 {
			write(w, (c*7919)%next, c)
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

// wordyLine is a long line of prose naming the words the secret rules key
// on (token, user, password, value) without being an assignment of a
// secret, as design notes and configuration comments are.
const wordyLine = "The user sends the token with each request; the password is never stored, only its hash, and the value of the session " +
	"token is checked against the user record before the handler runs. A refresh token outlives the access token, and the user can revoke it: " +
	"the value is rotated and the old token rejected. Passwords are compared in constant time, and a user locked out after five wrong password " +
	"attempts waits before the next one. The value of each setting is read at start-up; a missing token or user name stops the service with a " +
	"clear message. Tokens are opaque to clients: the value holds no user data, and the password reset flow sends a one-time token by mail. "

// writeWordyFile adds or changes file i with content full of the words
// the generic secret rule looks for: prose, configuration and code lines.
func writeWordyFile(w *bufio.Writer, i, rev int) {
	var path, body string
	mod := i / 200
	switch i % 10 {
	case 0, 1, 2:
		path = fmt.Sprintf("docs/module%d/design_%d.md", mod, i)
		body = fmt.Sprintf("# Design %d (revision %d)\n\n%s\n\n%s\n\n- user: the account holder\n- token: a bearer credential\n- value: what a setting holds\n", i, rev, wordyLine, wordyLine)
	case 3, 4:
		path = fmt.Sprintf("config/module%d/settings_%d.yaml", mod, i)
		body = fmt.Sprintf("# %s\nservice_%d:\n  user: app_user_%d\n  token_ttl: 3600\n  password_min_length: 12\n  value: default\n  token_header: Authorization\n  user_table: users\n  password: ${DB_PASSWORD}\n  description: the user token value is rotated every %d hours\n", wordyLine, i, i, rev%24+1)
	case 5, 6:
		path = fmt.Sprintf("app/module%d/auth_%d.py", mod, i)
		body = fmt.Sprintf("# %s\nfrom app.users import User\n\n\ndef check_token_%d(user: User, token: str, value: str) -> bool:\n    \"\"\"The user's token must match the stored value (revision %d).\"\"\"\n    password = user.password_hash\n    return token == user.token and value == password\n", wordyLine, i, rev)
	case 7:
		path = fmt.Sprintf("tests/module%d/test_auth_%d.py", mod, i)
		body = fmt.Sprintf("def test_token_%d(client):\n    user = {\"user\": \"alice\", \"password\": \"correct horse\", \"value\": 1}\n    assert client.post(\"/token\", json=user).status_code == 200\n", i)
	case 8:
		path = fmt.Sprintf("config/module%d/app_%d.ini", mod, i)
		body = fmt.Sprintf("; %s\n[user]\nname = app\npassword_file = /run/secrets/password\ntoken_lifetime = %d\nvalue = on\n", wordyLine, rev)
	default:
		path = fmt.Sprintf("web/src/module%d/session_%d.ts", mod, i)
		body = fmt.Sprintf("// %s\nexport function tokenFor%d(user: { token: string; value: number }) {\n  const password = '';\n  return user.token + String(user.value) + password;\n}\n", wordyLine, i)
	}
	fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", path, len(body), body)
}
