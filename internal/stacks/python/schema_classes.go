package python

import "strings"

// pyClass is a top-level class statement: its name, bases (and keywords
// such as SQLModel's table=True), and the logical lines of its body.
type pyClass struct {
	name     string
	bases    []pyArg
	off      int
	from, to int
}

// baseNames returns the dotted names of the positional bases.
func (c pyClass) baseNames() []string {
	var out []string
	for _, b := range positional(c.bases) {
		out = append(out, strings.TrimSpace(b.Val))
	}
	return out
}

// maxClasses caps the classes read from one file.
const maxClasses = 2000

// classes returns the top-level classes of the file.
func (p *pyFile) classes() []pyClass {
	var out []pyClass
	for k, l := range p.lines {
		if l.Indent != 0 || !hasPrefixAt(p.src, l.Off, "class ") || len(out) >= maxClasses {
			continue
		}
		if c, ok := p.classAt(k); ok {
			out = append(out, c)
		}
	}
	return out
}

// classAt reads the class statement on logical line k.
func (p *pyFile) classAt(k int) (pyClass, bool) {
	l := p.lines[k]
	i := skipSpaces(p.src, l.Off+len("class "))
	name := identAt(p.src, i)
	if name == "" || strings.Contains(name, ".") {
		return pyClass{}, false
	}
	c := pyClass{name: name, off: l.Off, from: k + 1, to: p.blockEnd(k)}
	j := skipSpaces(p.src, i+len(name))
	if j < len(p.src) && p.src[j] == '(' {
		c.bases, _ = items(p.src[:p.lineEnd(k)], j)
	}
	return c, true
}

// pyStmt is one statement directly in a class body: an assignment (name,
// annotation, value) or a nested class (Meta).
type pyStmt struct {
	name   string
	annot  string
	val    pyArg
	hasVal bool
	off    int
	nested *pyClass
}

// body returns the statements directly in the body of c (not in its
// methods).
func (p *pyFile) body(c pyClass) []pyStmt {
	if c.from >= c.to {
		return nil
	}
	ind := p.lines[c.from].Indent
	var out []pyStmt
	for k := c.from; k < c.to; k++ {
		l := p.lines[k]
		if l.Indent != ind {
			continue
		}
		if hasPrefixAt(p.src, l.Off, "class ") {
			if n, ok := p.classAt(k); ok {
				out = append(out, pyStmt{name: n.name, off: l.Off, nested: &n})
			}
			continue
		}
		name, annot, val, hasVal, ok := p.assign(k)
		if !ok {
			continue
		}
		out = append(out, pyStmt{name: name, annot: annot, val: val, hasVal: hasVal, off: l.Off})
	}
	return out
}

// snake turns a class name into snake case (UserRole → user_role), as
// Flask-SQLAlchemy names a model's table.
func snake(name string) string {
	lower := func(c byte) bool { return 'a' <= c && c <= 'z' }
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 && (lower(name[i-1]) || isDigit(name[i-1]) || i+1 < len(name) && lower(name[i+1])) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return strings.TrimLeft(b.String(), "_")
}
