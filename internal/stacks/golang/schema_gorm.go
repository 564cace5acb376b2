package golang

import (
	"bytes"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// schemaReaders are the Go pack's schema readers.
var schemaReaders = []schema.Reader{
	{Tool: "gorm", Path: scan.MustCompile(`\.go$`), Need: []string{`"gorm.io/gorm"`, `"github.com/jinzhu/gorm"`}, Read: readGORM},
}

// readGORM reads GORM models: the structs of a file that imports GORM
// and that GORM would migrate (they embed gorm.Model, carry a gorm tag,
// have a TableName method, or are passed to AutoMigrate in the file). The
// table is TableName()'s literal or the struct's name in snake_case,
// pluralised (UserProfile → user_profiles); a column is the field's name
// in snake_case unless column:. What GORM adds: gorm.Model's id (the
// primary key), created_at, updated_at and deleted_at (indexed); a field
// ID is the primary key; an integer primary key auto-increments. Columns
// are nullable unless tagged not null (or the primary key): GORM writes
// NOT NULL only then, whatever the Go type. A field of a struct type T
// with a sibling <Field>ID is a belongs-to: a foreign key from
// <field>_id to T's table; a []T field is a has-many: T's table gets a
// foreign key <struct>_id to this one; many2many:name is a join table
// with both ids as a composite primary key. constraint:OnDelete:X sets
// ON DELETE. GORM creates no index for a foreign key. jinzhu/gorm (v1)
// makes a string varchar(255) and creates no foreign key constraint; the
// relations are still read, as a reviewer reads them.
func readGORM(f scan.File) schema.Result {
	toks := goTokens(f.Data)
	if len(toks) == 0 {
		return schema.Result{}
	}
	g := &gormFile{path: f.Path, toks: toks, names: map[string]string{}, migrated: map[string]bool{},
		v1: bytes.Contains(f.Data, []byte(`"github.com/jinzhu/gorm"`))}
	g.collect()
	return schema.Result{Models: g.tables()}
}

type goTok struct {
	tok  token.Token
	lit  string
	line int
}

// goTokens scans Go source with the standard scanner (linear, comments
// skipped, automatic semicolons inserted), capped in count.
func goTokens(src []byte) []goTok {
	fset := token.NewFileSet()
	file := fset.AddFile("x.go", -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, 0)
	var out []goTok
	for len(out) < 400_000 {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		out = append(out, goTok{tok: tok, lit: lit, line: file.Line(pos)})
	}
	return out
}

type gormField struct {
	names []string
	// typ is the field's type as written (*time.Time, []Tag, gorm.Model).
	typ  string
	tags map[string]string
	line int
	// embedded: no name, the type is embedded.
	embedded bool
}

type gormStruct struct {
	name   string
	fields []gormField
	line   int
	model  bool
}

type gormFile struct {
	path     string
	toks     []goTok
	structs  []*gormStruct
	byName   map[string]*gormStruct
	names    map[string]string // struct → TableName() literal
	migrated map[string]bool
	// v1 is jinzhu/gorm, whose strings default to varchar(255).
	v1 bool
}

func (g *gormFile) is(i int, t token.Token) bool {
	return i >= 0 && i < len(g.toks) && g.toks[i].tok == t
}

func (g *gormFile) ident(i int, name string) bool {
	return g.is(i, token.IDENT) && g.toks[i].lit == name
}

// collect finds the struct types, TableName methods and AutoMigrate
// arguments of the file.
func (g *gormFile) collect() {
	g.byName = map[string]*gormStruct{}
	t := g.toks
	for i := 0; i < len(t); i++ {
		switch {
		case g.is(i, token.IDENT) && g.is(i+1, token.STRUCT) && g.is(i+2, token.LBRACE) && (g.is(i-1, token.TYPE) || g.is(i-1, token.SEMICOLON) || g.is(i-1, token.LPAREN)):
			s := &gormStruct{name: t[i].lit, line: t[i].line}
			i = g.fields(s, i+3)
			if _, dup := g.byName[s.name]; !dup && len(g.structs) < 1000 {
				g.structs = append(g.structs, s)
				g.byName[s.name] = s
			}
		case g.is(i, token.FUNC) && g.is(i+1, token.LPAREN):
			// func (u User) TableName() string { return "users" }
			j := i + 2
			recv := ""
			for k := 0; k < 5 && j < len(t) && !g.is(j, token.RPAREN); k++ {
				if g.is(j, token.IDENT) {
					recv = t[j].lit
				}
				j++
			}
			if g.ident(j+1, "TableName") && g.is(j+2, token.LPAREN) && g.is(j+3, token.RPAREN) {
				for k := j + 4; k < len(t) && k < j+12; k++ {
					if g.is(k, token.RETURN) && g.is(k+1, token.STRING) {
						if v, err := strconv.Unquote(t[k+1].lit); err == nil {
							g.names[recv] = v
						}
						break
					}
				}
			}
		case g.ident(i, "AutoMigrate") && g.is(i+1, token.LPAREN):
			depth := 0
			for j := i + 1; j < len(t); j++ {
				switch t[j].tok {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
				case token.IDENT:
					if g.is(j+1, token.LBRACE) {
						g.migrated[t[j].lit] = true
					}
				}
				if depth == 0 || j-i > 2000 {
					i = j
					break
				}
			}
		}
	}
}

// fields reads a struct body starting after its brace and returns the
// index of the closing brace.
func (g *gormFile) fields(s *gormStruct, i int) int {
	t := g.toks
	for i < len(t) && !g.is(i, token.RBRACE) {
		if g.is(i, token.SEMICOLON) {
			i++
			continue
		}
		start := i
		var names []string
		for g.is(i, token.IDENT) && (g.is(i+1, token.COMMA) || !g.is(i+1, token.PERIOD) && !g.is(i+1, token.SEMICOLON) && !g.is(i+1, token.STRING) && !g.is(i+1, token.RBRACE)) {
			names = append(names, t[i].lit)
			i++
			if g.is(i, token.COMMA) {
				i++
				continue
			}
			break
		}
		// The type: tokens up to the tag, the line's end or the brace.
		var typ strings.Builder
		depth := 0
		for i < len(t) && (depth > 0 || !g.is(i, token.SEMICOLON) && !g.is(i, token.STRING) && !g.is(i, token.RBRACE)) {
			switch t[i].tok {
			case token.LBRACE:
				depth++
			case token.RBRACE:
				depth--
			}
			if t[i].lit != "" {
				typ.WriteString(t[i].lit)
			} else {
				typ.WriteString(t[i].tok.String())
			}
			i++
		}
		fld := gormField{names: names, typ: typ.String(), line: t[start].line, embedded: len(names) == 0}
		if g.is(i, token.STRING) {
			fld.tags = gormTags(t[i].lit)
			i++
		}
		if fld.embedded && fld.typ == "" {
			i++
			continue
		}
		if fld.typ == "gorm.Model" || hasGormTag(fld.tags) || contains(names, "ID") {
			s.model = true
		}
		if len(s.fields) < 500 {
			s.fields = append(s.fields, fld)
		}
		if i == start {
			i++
		}
	}
	return i
}

func hasGormTag(tags map[string]string) bool {
	_, ok := tags["\x00gorm"]
	return ok
}

// gormTags parses a struct tag's gorm:"..." into lower-cased keys without
// underscores or spaces (primaryKey, primary_key → primarykey; not null →
// notnull) and their values. A "\x00gorm" key marks that the tag exists.
func gormTags(lit string) map[string]string {
	raw, err := strconv.Unquote(lit)
	if err != nil {
		return nil
	}
	i := strings.Index(raw, `gorm:"`)
	if i < 0 || i > 0 && raw[i-1] != ' ' {
		return nil
	}
	rest := raw[i+len(`gorm:"`):]
	end := strings.IndexByte(rest, '"')
	if end < 0 {
		return nil
	}
	out := map[string]string{"\x00gorm": ""}
	for part := range strings.SplitSeq(rest[:end], ";") {
		k, v, _ := strings.Cut(part, ":")
		k = strings.ToLower(strings.NewReplacer("_", "", " ", "").Replace(strings.TrimSpace(k)))
		if k != "" {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}

func (g *gormFile) tableOf(name string) string {
	if n, ok := g.names[name]; ok {
		return n
	}
	return schema.Plural(schema.Snake(name))
}

// isModel reports whether GORM would migrate the struct.
func (g *gormFile) isModel(s *gormStruct) bool {
	_, named := g.names[s.name]
	return s.model || named || g.migrated[s.name]
}

// elem strips pointers, slices and a package from a type: []*models.Tag
// → Tag, with slice true.
func elem(typ string) (name string, slice, pointer bool) {
	for {
		switch {
		case strings.HasPrefix(typ, "*"):
			typ, pointer = typ[1:], true
			continue
		case strings.HasPrefix(typ, "[]"):
			typ, slice = typ[2:], true
			continue
		}
		break
	}
	if i := strings.LastIndexByte(typ, '.'); i >= 0 {
		typ = typ[i+1:]
	}
	return typ, slice, pointer
}

// gormType maps a field's Go type (and its type:, size:, precision:
// tags) to the vocabulary, and whether the Go type is a column at all
// (a struct of the file is a relation, not a column).
func gormType(typ string, tags map[string]string) (string, bool) {
	if t := tags["type"]; t != "" {
		return strings.ToLower(t), true
	}
	base := strings.TrimPrefix(typ, "*")
	switch base {
	case "string":
		if n := tags["size"]; n != "" {
			return "varchar(" + n + ")", true
		}
		return "text", true
	case "int", "int64", "uint", "uint64":
		return "bigint", true
	case "int32", "uint32":
		return "integer", true
	case "int16", "int8", "uint16", "uint8":
		return "smallint", true
	case "float64":
		if p := tags["precision"]; p != "" {
			s := tags["scale"]
			if s == "" {
				s = "0"
			}
			return "numeric(" + p + "," + s + ")", true
		}
		return "double", true
	case "float32":
		return "float", true
	case "bool":
		return "boolean", true
	case "time.Time", "sql.NullTime", "gorm.DeletedAt":
		return "timestamptz", true
	case "[]byte":
		return "bytea", true
	case "sql.NullString":
		return "text", true
	case "sql.NullInt64":
		return "bigint", true
	case "sql.NullInt32":
		return "integer", true
	case "sql.NullInt16":
		return "smallint", true
	case "sql.NullBool":
		return "boolean", true
	case "sql.NullFloat64":
		return "double", true
	case "uuid.UUID":
		return "uuid", true
	case "datatypes.JSON", "json.RawMessage", "datatypes.JSONMap":
		return "jsonb", true
	case "decimal.Decimal":
		return "decimal", true
	case "datatypes.Date":
		return "date", true
	case "pq.StringArray", "pq.Int64Array":
		return "array", true
	}
	return "", false
}

// nullableType reports whether the Go type can hold NULL (a pointer, a
// sql.Null*, gorm.DeletedAt): the column GORM creates is nullable either
// way unless tagged not null; this only matters for the primary key.
func nullableType(typ string) bool {
	return strings.HasPrefix(typ, "*") || strings.HasPrefix(typ, "sql.Null") || typ == "gorm.DeletedAt"
}

func (g *gormFile) tables() []facts.Table {
	var out []facts.Table
	var extra []facts.Table
	byTable := map[string]int{}
	for _, s := range g.structs {
		if !g.isModel(s) {
			continue
		}
		t := facts.Table{Name: g.tableOf(s.name), Source: facts.Location{Path: g.path, Line: s.line}}
		g.addFields(&t, s, s, "", 0, &extra)
		byTable[t.Name] = len(out)
		out = append(out, t)
	}
	// Has-many foreign keys and join tables land on tables of this file
	// when they are here.
	for _, e := range extra {
		if i, ok := byTable[e.Name]; ok {
			t := &out[i]
			for _, c := range e.Columns {
				if t.Column(c.Name) == nil && len(t.Columns) < 500 {
					t.Columns = append(t.Columns, c)
				}
			}
			for _, fk := range e.ForeignKeys {
				if !hasFK(t.ForeignKeys, fk.Columns) {
					t.ForeignKeys = append(t.ForeignKeys, fk)
				}
			}
			continue
		}
		byTable[e.Name] = len(out)
		out = append(out, e)
	}
	return out
}

func hasFK(fks []facts.ForeignKey, cols []string) bool {
	for _, fk := range fks {
		if strings.EqualFold(strings.Join(fk.Columns, ","), strings.Join(cols, ",")) {
			return true
		}
	}
	return false
}

// addFields adds the columns of s (owner is the model, prefix an
// embeddedPrefix) to t.
func (g *gormFile) addFields(t *facts.Table, owner, s *gormStruct, prefix string, depth int, extra *[]facts.Table) {
	at := func(line int) facts.Location { return facts.Location{Path: g.path, Line: line} }
	fieldNames := map[string]bool{}
	for _, fld := range s.fields {
		for _, n := range fld.names {
			fieldNames[n] = true
		}
	}
	indexes := map[string]int{} // named index → position in t.Indexes
	for _, fld := range s.fields {
		if _, skip := fld.tags["-"]; skip {
			continue
		}
		if fld.embedded {
			switch {
			case fld.typ == "gorm.Model":
				l := at(fld.line)
				t.Columns = append(t.Columns,
					facts.Column{Name: "id", Type: "bigserial", At: l},
					facts.Column{Name: "created_at", Type: "timestamptz", Nullable: true, At: l},
					facts.Column{Name: "updated_at", Type: "timestamptz", Nullable: true, At: l},
					facts.Column{Name: "deleted_at", Type: "timestamptz", Nullable: true, At: l})
				t.PrimaryKey = []string{"id"}
				t.Indexes = append(t.Indexes, facts.Index{Columns: []string{"deleted_at"}, At: l})
			default:
				name, _, _ := elem(fld.typ)
				if base, ok := g.byName[name]; ok && base != s && depth < 4 {
					g.addFields(t, owner, base, prefix, depth+1, extra)
				}
			}
			continue
		}
		for _, fname := range fld.names {
			if fname == "" || fname[0] < 'A' || fname[0] > 'Z' {
				continue // unexported: not a column
			}
			if _, ok := fld.tags["embedded"]; ok {
				name, _, _ := elem(fld.typ)
				if base, ok := g.byName[name]; ok && base != s && depth < 4 {
					g.addFields(t, owner, base, prefix+fld.tags["embeddedprefix"], depth+1, extra)
				}
				continue
			}
			typ, isCol := gormType(fld.typ, fld.tags)
			if g.v1 && typ == "text" && fld.tags["type"] == "" && strings.TrimPrefix(fld.typ, "*") == "string" {
				typ = "varchar(255)"
			}
			if !isCol {
				g.relation(t, owner, fname, fld, fieldNames, extra)
				continue
			}
			col := prefix + schema.Snake(fname)
			if n := fld.tags["column"]; n != "" {
				col = n
			}
			c := facts.Column{Name: col, Type: typ, Nullable: true, At: at(fld.line)}
			if _, ok := fld.tags["notnull"]; ok {
				c.Nullable = false
			}
			if d, ok := fld.tags["default"]; ok {
				c.Default = d
			}
			_, pk := fld.tags["primarykey"]
			if pk || fname == "ID" && !hasTagged(s, "primarykey") {
				c.Nullable = false
				if (typ == "bigint" || typ == "integer") && fld.tags["autoincrement"] != "false" && !nullableType(fld.typ) {
					c.Type = map[string]string{"bigint": "bigserial", "integer": "serial"}[typ]
				}
				if !contains(t.PrimaryKey, col) {
					t.PrimaryKey = append(t.PrimaryKey, col)
				}
			}
			if t.Column(col) != nil || len(t.Columns) >= 500 {
				continue
			}
			t.Columns = append(t.Columns, c)
			for _, key := range []string{"unique", "uniqueindex", "index"} {
				v, ok := fld.tags[key]
				if !ok {
					continue
				}
				name, opts, _ := strings.Cut(v, ",")
				ix := facts.Index{Name: name, Columns: []string{col}, Unique: key != "index" || strings.Contains(strings.ToLower(opts), "unique"), At: at(fld.line)}
				if key == "unique" {
					ix.Name = ""
				}
				if ix.Name != "" {
					if k, ok := indexes[ix.Name]; ok {
						t.Indexes[k].Columns = append(t.Indexes[k].Columns, col)
						continue
					}
					indexes[ix.Name] = len(t.Indexes)
				}
				t.Indexes = append(t.Indexes, ix)
			}
		}
	}
}

func hasTagged(s *gormStruct, key string) bool {
	for _, f := range s.fields {
		if _, ok := f.tags[key]; ok {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// onDelete reads constraint:OnUpdate:CASCADE,OnDelete:SET NULL.
func onDelete(tags map[string]string) string {
	c := tags["constraint"]
	i := strings.Index(strings.ToLower(c), "ondelete:")
	if i < 0 {
		return ""
	}
	v := c[i+len("ondelete:"):]
	if j := strings.IndexAny(v, ",;"); j >= 0 {
		v = v[:j]
	}
	return strings.ToLower(strings.TrimSpace(v))
}

// relation reads a field whose type is not a column type: a belongs-to,
// has-one, has-many or many2many association.
func (g *gormFile) relation(t *facts.Table, owner *gormStruct, fname string, fld gormField, fieldNames map[string]bool, extra *[]facts.Table) {
	target, slice, _ := elem(fld.typ)
	if target == "" || target[0] < 'A' || target[0] > 'Z' || strings.ContainsAny(target, "[]{}()") {
		return
	}
	at := facts.Location{Path: g.path, Line: fld.line}
	refTable := g.tableOf(target)
	if jt, ok := fld.tags["many2many"]; ok && jt != "" {
		c1, c2 := schema.Snake(owner.name)+"_id", schema.Snake(target)+"_id"
		if c1 == c2 {
			c2 = schema.Snake(fname) + "_id"
		}
		*extra = append(*extra, facts.Table{
			Name:       jt,
			Columns:    []facts.Column{{Name: c1, Type: "bigint", At: at}, {Name: c2, Type: "bigint", At: at}},
			PrimaryKey: []string{c1, c2},
			ForeignKeys: []facts.ForeignKey{
				{Columns: []string{c1}, References: t.Name, RefColumns: []string{"id"}, OnDelete: onDelete(fld.tags), At: at},
				{Columns: []string{c2}, References: refTable, RefColumns: []string{"id"}, OnDelete: onDelete(fld.tags), At: at},
			},
			Source: at,
		})
		return
	}
	fkField := fld.tags["foreignkey"]
	refCol := "id"
	if r := fld.tags["references"]; r != "" {
		refCol = schema.Snake(r)
	}
	// Belongs-to: the foreign key field is on this struct.
	if !slice {
		name := fkField
		if name == "" {
			name = fname + "ID"
		}
		if fieldNames[name] {
			col := schema.Snake(name)
			if !hasFK(t.ForeignKeys, []string{col}) {
				t.ForeignKeys = append(t.ForeignKeys, facts.ForeignKey{Columns: []string{col}, References: refTable, RefColumns: []string{refCol}, OnDelete: onDelete(fld.tags), At: at})
			}
			return
		}
	}
	// Has-one / has-many: the key is on the target, <Owner>ID by default.
	name := fkField
	if name == "" {
		name = owner.name + "ID"
	}
	if ts, ok := g.byName[target]; ok {
		found := false
		for _, f := range ts.fields {
			if contains(f.names, name) {
				found = true
			}
		}
		if !found {
			return
		}
	} else if fkField == "" && !slice {
		return // a has-one to a struct of another file: too uncertain
	}
	col := schema.Snake(name)
	*extra = append(*extra, facts.Table{
		Name:        refTable,
		Columns:     []facts.Column{{Name: col, Type: "bigint", Nullable: true, At: at}},
		ForeignKeys: []facts.ForeignKey{{Columns: []string{col}, References: t.Name, RefColumns: []string{"id"}, OnDelete: onDelete(fld.tags), At: at}},
		Source:      at,
	})
}
