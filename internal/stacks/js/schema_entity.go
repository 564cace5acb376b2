package js

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// readTypeORMEntities reads TypeORM entity classes as models, named the
// way TypeORM's DefaultNamingStrategy names them: @Entity('name') or the
// class name in snake_case; a column is its property name unless
// @Column({ name }). What TypeORM adds: a @ManyToOne (or owning
// @OneToOne) property is a column <property>Id (or @JoinColumn's name)
// with a foreign key to the target's table, nullable unless nullable:
// false, with no index; the owning @OneToOne's column is unique; a
// @ManyToMany with @JoinTable is a junction table <owner>_<property>_<target>
// with columns <table>Id, a composite primary key, an index on each and
// cascading foreign keys. Columns are NOT NULL unless nullable: true.
// Base classes declared in the same file lend their columns.
func readTypeORMEntities(f scan.File) schema.Result {
	ts := tokenize(source(f))
	classes := entityClasses(ts)
	if len(classes) == 0 {
		return schema.Result{}
	}
	tables := map[string]string{} // class → table
	byName := map[string]*entityClass{}
	for _, c := range classes {
		byName[c.name] = c
		if c.entity {
			tables[c.name] = c.table
		}
	}
	tableOf := func(class string) string {
		if t, ok := tables[class]; ok {
			return t
		}
		return schema.Snake(class)
	}
	var out []facts.Table
	var extra []facts.Table
	for _, c := range classes {
		if !c.entity {
			continue
		}
		t := facts.Table{Name: c.table, Source: ts.at(f.Path, c.tok)}
		propCol := map[string]string{}
		var members []member
		// Inherited members first, as TypeORM orders them.
		seen := map[*entityClass]bool{c: true}
		for base := byName[c.base]; base != nil && !seen[base]; base = byName[base.base] {
			seen[base] = true
			members = append(base.members, members...)
		}
		members = append(members, c.members...)
		for _, mb := range members {
			entityMember(ts, f.Path, &t, mb, propCol, tableOf, &extra, c)
		}
		for _, d := range c.decorators {
			if d.name != "Index" && d.name != "Unique" {
				continue
			}
			var cols []string
			unique := d.name == "Unique"
			name := ""
			for k, a := range d.args {
				switch a.kind {
				case 'a':
					for _, p := range valueCols(a) {
						if col, ok := propCol[p]; ok {
							cols = append(cols, col)
						} else {
							cols = append(cols, p)
						}
					}
				case 's':
					if k == 0 {
						name = a.str
					}
				case 'o':
					if a.get("unique").truthy() {
						unique = true
					}
				}
			}
			if len(cols) > 0 {
				t.Indexes = append(t.Indexes, facts.Index{Name: name, Columns: cols, Unique: unique, At: ts.at(f.Path, d.tok)})
			}
		}
		out = append(out, t)
	}
	aliases := map[string]string{}
	for _, c := range classes {
		if c.entity && schema.Snake(c.name) != c.table {
			aliases[schema.Snake(c.name)] = c.table
		}
	}
	return schema.Result{Models: append(out, extra...), Aliases: aliases}
}

type decorator struct {
	name string
	args []*value
	tok  int
}

type member struct {
	decorators []decorator
	name       string
	// typ is the property's TypeScript type name (string, number, User);
	// array when written Type[] or Array<Type>.
	typ   string
	array bool
	tok   int
}

type entityClass struct {
	name, base string
	entity     bool
	table      string
	decorators []decorator
	members    []member
	tok        int
}

// entityClasses finds the classes of the file, with their decorators and
// decorated members.
func entityClasses(ts *tokens) []*entityClass {
	var out []*entityClass
	var pending []decorator
	for i := 0; i < len(ts.toks); i++ {
		t := ts.toks[i]
		if ts.is(i, "@") && i+1 < len(ts.toks) && ts.toks[i+1].kind == tIdent {
			d, next := readDecorator(ts, i)
			pending = append(pending, d)
			i = next - 1
			continue
		}
		if t.kind != tIdent || t.text != "class" || i+1 >= len(ts.toks) || ts.toks[i+1].kind != tIdent {
			continue
		}
		c := &entityClass{name: ts.toks[i+1].text, decorators: pending, tok: i + 1}
		pending = nil
		j := i + 2
		for ; j < len(ts.toks) && !ts.is(j, "{"); j++ {
			if ts.is(j, "extends") && j+1 < len(ts.toks) && ts.toks[j+1].kind == tIdent {
				c.base = ts.toks[j+1].text
			}
			if j-i > 40 {
				break
			}
		}
		if !ts.is(j, "{") || ts.toks[j].match < j {
			continue
		}
		for _, d := range c.decorators {
			if d.name == "Entity" {
				c.entity = true
				if len(d.args) > 0 {
					if d.args[0].kind == 's' {
						c.table = d.args[0].str
					} else {
						c.table = d.args[0].get("name").text()
					}
				}
			}
		}
		if c.table == "" {
			c.table = schema.Snake(c.name)
		}
		c.members = classMembers(ts, j+1, ts.toks[j].match)
		out = append(out, c)
		i = ts.toks[j].match
	}
	return out
}

// readDecorator reads @Name(args) at token i.
func readDecorator(ts *tokens, i int) (decorator, int) {
	v, next := ts.parseValue(i+1, 0)
	d := decorator{name: lastSegment(v.str), args: v.args, tok: i}
	if !v.call {
		next = i + 1 + len(strings.Split(v.str, "."))*2 - 1
	} else {
		// parseValue skipped to the end of the expression; a decorator
		// ends at its call's closing parenthesis.
		j := i + 1
		for j < len(ts.toks) && !ts.is(j, "(") {
			j++
		}
		if j < len(ts.toks) && ts.toks[j].match > j {
			next = ts.toks[j].match + 1
		}
	}
	if next <= i {
		next = i + 1
	}
	return d, next
}

// classMembers reads the decorated properties of a class body [from, to).
func classMembers(ts *tokens, from, to int) []member {
	var out []member
	var pending []decorator
	for i := from; i < to; i++ {
		t := ts.toks[i]
		if ts.is(i, "@") && i+1 < to && ts.toks[i+1].kind == tIdent {
			d, next := readDecorator(ts, i)
			pending = append(pending, d)
			i = next - 1
			continue
		}
		if m := t.match; t.kind == tPunct && m > i && m < to {
			i = m // a method body or an initialiser
			continue
		}
		if t.kind != tIdent {
			continue
		}
		switch t.text {
		case "public", "private", "protected", "readonly", "declare", "static", "async", "get", "set", "override", "abstract":
			continue
		}
		j := i + 1
		if ts.is(j, "?") || ts.is(j, "!") {
			j++
		}
		if !ts.is(j, ":") {
			if ts.is(j, "(") { // a method
				pending = nil
			}
			continue
		}
		mb := member{decorators: pending, name: t.text, tok: i}
		pending = nil
		j++
		if j < to && ts.toks[j].kind == tIdent {
			mb.typ = ts.toks[j].text
			if mb.typ == "Array" && ts.is(j+1, "<") && j+2 < to {
				mb.typ, mb.array = ts.toks[j+2].text, true
			} else if ts.is(j+1, "[") {
				mb.array = true
			}
		}
		if len(mb.decorators) > 0 {
			out = append(out, mb)
		}
		// Skip the type annotation to the end of the member.
		for j < to && !ts.is(j, ";") && !ts.is(j, "@") && !ts.is(j, "=") {
			if m := ts.toks[j].match; m > j && m < to {
				j = m
			}
			j++
			if j < to && ts.toks[j].kind == tIdent && ts.toks[j].off > 0 && lineBreakBefore(ts, j) && (ts.is(j+1, ":") || ts.is(j+1, "?") || ts.is(j+1, "!")) {
				break
			}
		}
		i = j - 1
	}
	return out
}

// lineBreakBefore reports whether a newline separates token j from the
// one before it (a member with no semicolon ends at the line's end).
func lineBreakBefore(ts *tokens, j int) bool {
	if j == 0 {
		return true
	}
	return ts.line(ts.toks[j-1].off) != ts.line(ts.toks[j].off)
}

// optionsArg returns the first object argument of a decorator.
func optionsArg(d decorator) *value {
	for _, a := range d.args {
		if a.kind == 'o' {
			return a
		}
	}
	return nil
}

// relationTarget reads the target class of () => User or 'User'.
func relationTarget(d decorator) string {
	if len(d.args) == 0 {
		return ""
	}
	a := d.args[0]
	if a.kind == 's' {
		return a.str
	}
	if a.kind == 'f' || a.kind == 'e' {
		return lastSegment(a.str) // () => User, type => User, User
	}
	return ""
}

// entityMember adds one decorated property to t.
func entityMember(ts *tokens, path string, t *facts.Table, mb member, propCol map[string]string, tableOf func(string) string, extra *[]facts.Table, owner *entityClass) {
	at := ts.at(path, mb.tok)
	var joinCol *value
	var joinTable *decorator
	for k := range mb.decorators {
		switch mb.decorators[k].name {
		case "JoinColumn":
			joinCol = optionsArg(mb.decorators[k])
			if joinCol == nil {
				joinCol = &value{kind: 'o'}
			}
		case "JoinTable":
			joinTable = &mb.decorators[k]
		}
	}
	for _, d := range mb.decorators {
		opts := optionsArg(d)
		switch d.name {
		case "PrimaryGeneratedColumn", "PrimaryColumn", "Column", "CreateDateColumn", "UpdateDateColumn", "DeleteDateColumn", "VersionColumn", "ObjectIdColumn":
			name := mb.name
			if n := opts.get("name").text(); n != "" {
				name = n
			}
			if len(t.Columns) >= 500 {
				return
			}
			typ := ""
			if len(d.args) > 0 && d.args[0].kind == 's' {
				typ = d.args[0].str
			}
			if tv := opts.get("type"); tv != nil {
				if tv.kind == 's' {
					typ = tv.str
				} else {
					typ = tv.str // type: String, Number
				}
			}
			c := facts.Column{Name: name, Nullable: opts.get("nullable").truthy(), At: at}
			switch d.name {
			case "PrimaryGeneratedColumn":
				c.Nullable = false
				switch typ {
				case "uuid":
					c.Type = "uuid"
				case "increment", "", "identity", "rowid":
					c.Type = "serial"
					if strings.EqualFold(opts.get("type").text(), "bigint") {
						c.Type = "bigserial"
					}
				}
			case "CreateDateColumn", "UpdateDateColumn":
				c.Type, c.Default = "timestamp", "now()"
				if typ != "" {
					c.Type = typeormType(typ, "", "", "")
				}
			case "DeleteDateColumn":
				c.Type, c.Nullable = "timestamp", true
			case "VersionColumn":
				c.Type = "integer"
			case "ObjectIdColumn":
				c.Type = "objectid"
			}
			if c.Type == "" {
				if typ == "" || typ == "String" || typ == "Number" || typ == "Boolean" || typ == "Date" {
					if typ == "" {
						typ = mb.typ
					}
					typ = tsType(typ, opts)
				}
				c.Type = typeormType(typ, opts.get("length").text(), opts.get("precision").text(), opts.get("scale").text())
				if opts.get("enum") != nil {
					c.Type = "enum"
				}
			}
			if dv := opts.get("default"); dv != nil && c.Default == "" {
				c.Default = defaultText(dv)
			}
			if strings.HasPrefix(d.name, "Primary") || opts.get("primary").truthy() {
				c.Nullable = false
				t.PrimaryKey = append(t.PrimaryKey, name)
			}
			if opts.get("unique").truthy() {
				t.Indexes = append(t.Indexes, facts.Index{Columns: []string{name}, Unique: true, At: at})
			}
			if old := t.Column(name); old != nil {
				// A relation's join column also declared with @Column
				// (author + authorId): one column, as @Column says.
				*old = c
			} else {
				t.Columns = append(t.Columns, c)
			}
			propCol[mb.name] = name
		case "ManyToOne", "OneToOne":
			if d.name == "OneToOne" && joinCol == nil {
				continue // the inverse side holds no column
			}
			target := relationTarget(d)
			if target == "" {
				continue
			}
			refCol := "id"
			name := mb.name + "Id"
			if joinCol != nil {
				if n := joinCol.get("referencedColumnName").text(); n != "" {
					refCol = n
					name = mb.name + strings.ToUpper(n[:1]) + n[1:]
				}
				if n := joinCol.get("name").text(); n != "" {
					name = n
				}
			}
			nullable := !opts.get("nullable").falsy()
			if opts.get("primary").truthy() {
				nullable = false
			}
			if t.Column(name) == nil && len(t.Columns) < 500 {
				t.Columns = append(t.Columns, facts.Column{Name: name, Type: "integer", Nullable: nullable, At: at})
			} else if c := t.Column(name); c != nil {
				c.Nullable = c.Nullable && nullable
			}
			propCol[mb.name] = name
			t.ForeignKeys = append(t.ForeignKeys, facts.ForeignKey{Columns: []string{name}, References: tableOf(target), RefColumns: []string{refCol}, OnDelete: strings.ToLower(opts.get("onDelete").text()), At: at})
			if d.name == "OneToOne" {
				t.Indexes = append(t.Indexes, facts.Index{Columns: []string{name}, Unique: true, At: at})
			}
		case "ManyToMany":
			if joinTable == nil {
				continue
			}
			target := relationTarget(d)
			if target == "" {
				continue
			}
			jt := optionsArg(*joinTable)
			other := tableOf(target)
			name := jt.get("name").text()
			if name == "" {
				name = schema.Snake(t.Name + "_" + mb.name + "_" + other)
			}
			ownCol := typeormCamel(t.Name + "_id")
			if n := jt.get("joinColumn").get("name").text(); n != "" {
				ownCol = n
			}
			otherCol := typeormCamel(other + "_id")
			if n := jt.get("inverseJoinColumn").get("name").text(); n != "" {
				otherCol = n
			}
			jat := ts.at(path, joinTable.tok)
			*extra = append(*extra, facts.Table{
				Name:        name,
				Columns:     []facts.Column{{Name: ownCol, Type: "integer", At: jat}, {Name: otherCol, Type: "integer", At: jat}},
				PrimaryKey:  []string{ownCol, otherCol},
				ForeignKeys: []facts.ForeignKey{{Columns: []string{ownCol}, References: t.Name, RefColumns: []string{"id"}, OnDelete: "cascade", At: jat}, {Columns: []string{otherCol}, References: other, RefColumns: []string{"id"}, OnDelete: "cascade", At: jat}},
				Indexes:     []facts.Index{{Columns: []string{ownCol}, At: jat}, {Columns: []string{otherCol}, At: jat}},
				Source:      jat,
			})
		case "Index", "Unique":
			cols := []string{mb.name}
			if n, ok := propCol[mb.name]; ok {
				cols = []string{n}
			}
			unique := d.name == "Unique" || opts.get("unique").truthy()
			t.Indexes = append(t.Indexes, facts.Index{Columns: cols, Unique: unique, At: at})
		}
	}
}

// tsType maps a property's TypeScript type to the TypeORM column type it
// gets when @Column names none.
func tsType(typ string, opts *value) string {
	switch typ {
	case "string", "String":
		return "varchar"
	case "number", "Number":
		return "integer"
	case "boolean", "Boolean":
		return "boolean"
	case "Date":
		return "timestamp"
	}
	if opts.get("enum") != nil {
		return "enum"
	}
	return strings.ToLower(typ)
}

// typeormCamel is TypeORM's camelCase: "user_profile_id" → userProfileId.
func typeormCamel(s string) string {
	var b strings.Builder
	up := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c == '-' || c == ' ' {
			up = true
			continue
		}
		if up && c >= 'a' && c <= 'z' {
			c -= 32
		} else if i == 0 && c >= 'A' && c <= 'Z' {
			c += 32
		}
		up = false
		b.WriteByte(c)
	}
	return b.String()
}
