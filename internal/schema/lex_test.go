package schema

import (
	"slices"
	"testing"
)

func TestLexRubySymbolsWordArraysAndArgs(t *testing.T) {
	src := []byte("add_index :users, %i[a b], unique: true, :name => \"ix\"\n")
	toks := Lex(src, "ruby")
	m := Match(toks)
	args := Args(toks, m, 1, len(toks)-1)
	if len(args) != 4 {
		t.Fatalf("args = %+v", args)
	}
	if s, ok := args[0].Name(); !ok || s != "users" || args[0].Key != "" {
		t.Errorf("first arg %+v", args[0])
	}
	if got := args[1].Names(); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("%%i[a b] = %v", got)
	}
	if u := Named(args, "unique"); u == nil || u.Text() != "true" {
		t.Errorf("unique: %+v", u)
	}
	if n := Named(args, "name"); n == nil || n.Val[0].Text != "ix" {
		t.Errorf("hash rocket key: %+v", n)
	}
	if toks[len(toks)-1].Kind != Newline {
		t.Error("ruby newline token missing")
	}
}

func TestLexCSharpLambdaIsNotANamedArg(t *testing.T) {
	src := []byte(`table.PrimaryKey("PK_Users", x => x.Id); b.Column<int>(type: "integer", nullable: false)`)
	toks := Lex(src, "csharp")
	m := Match(toks)
	open := slices.IndexFunc(toks, func(t Token) bool { return t.Text == "(" })
	args := Args(toks, m, open+1, m[open])
	if len(args) != 2 || args[1].Key != "" {
		t.Fatalf("x => x.Id read as a named arg: %+v", args)
	}
	last := len(toks) - 1
	open = m[last] // the closer's opener is not recorded: find it
	for i := range toks {
		if m[i] == last {
			open = i
		}
	}
	args = Args(toks, m, open+1, last)
	if Named(args, "type") == nil || Named(args, "nullable").Text() != "false" {
		t.Errorf("named args: %+v", args)
	}
}

func TestLinesAndUnclosed(t *testing.T) {
	src := []byte("a\nb\n\"unclosed\nc(")
	l := NewLines(src)
	toks := Lex(src, "java")
	if got := l.At(toks[len(toks)-1].Off); got != 4 {
		t.Errorf("line of ( = %d, want 4", got)
	}
	if m := Match(toks); m[len(toks)-1] != len(toks) {
		t.Errorf("an unclosed bracket matches len(toks), got %d", m[len(toks)-1])
	}
}

// FuzzLex checks the lexer keeps offsets inside the source and brackets
// match forward, whatever the input.
func FuzzLex(f *testing.F) {
	for _, s := range []string{"create_table :a do |t|\n", `$t->string('a', 10)->nullable();`, `new { Id = t.Column<int>() }`, `@Column(name = "x")`, `"""`, `%i[`, `@"a""b"`, ")]}{[("} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, lang := range []string{"ruby", "php", "csharp", "java"} {
			toks := Lex(data, lang)
			m := Match(toks)
			for i, tk := range toks {
				if tk.Off < 0 || tk.Off > len(data) {
					t.Fatalf("offset %d outside %d bytes", tk.Off, len(data))
				}
				if m[i] >= 0 && m[i] <= i {
					t.Fatalf("bracket %d matched backwards at %d", i, m[i])
				}
			}
			Args(toks, m, 0, len(toks))
		}
	})
}
