package js

import (
	"bytes"
	"sort"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// prismaMigrationReader reads Prisma Migrate's migrations
// (prisma/migrations/<timestamp>_<name>/migration.sql) in the order of
// their folders' timestamps. Prisma has no down migrations: Reversible
// is "".
var prismaMigrationReader = schema.Reader{
	Tool: "prisma",
	Path: scan.MustCompile(`(?:^|/)migrations/[^/]+/migration\.sql$`),
	Read: func(f scan.File) schema.Result {
		return schema.Result{Migrations: []schema.Migration{schema.SQLMigration(f)}}
	},
}

// prismaSchemaReader reads the models of a Prisma schema (schema.prisma,
// or the files of a prisma/schema folder) as tables, the way Prisma
// Migrate would create them:
//   - a model is the table @@map names, else the model's name as written;
//     a field the column @map names, else the field's name;
//   - a field is NOT NULL unless its type ends in '?'; scalar lists are
//     arrays; types follow the datasource's provider (String is text on
//     PostgreSQL and SQLite, varchar(191) on MySQL) unless @db.X says;
//   - Int @id @default(autoincrement()) is serial (bigserial for BigInt)
//     on PostgreSQL, as Prisma's migration writes it;
//   - @relation(fields, references) is a foreign key; with no onDelete,
//     Prisma's default action: restrict when the relation is required,
//     set null when it is optional. Prisma adds no index for it;
//   - an implicit many-to-many relation (list fields on both sides, no
//     fields:) is the join table Prisma creates: _AToB (or _Name for a
//     named relation) with columns A and B referencing the two models'
//     ids with cascade, a unique index on (A, B) and an index on B.
var prismaSchemaReader = schema.Reader{
	Tool: "prisma",
	Path: scan.MustCompile(`\.prisma$`),
	Need: []string{"model"},
	Read: func(f scan.File) schema.Result {
		return schema.Result{Models: PrismaModels(f.Path, f.Data)}
	},
}

// prismaField is one field line of a model.
type prismaField struct {
	name, typ string
	optional  bool
	list      bool
	attrs     []prismaAttr
	line      int
}

// prismaAttr is one @attribute (or @@attribute) with its argument text.
type prismaAttr struct {
	name string
	args string
}

type prismaModel struct {
	name   string
	line   int
	fields []prismaField
	// block are the model's @@ attributes, with their lines.
	block []prismaAttr
	lines []int
}

func (m *prismaModel) field(name string) *prismaField {
	for i := range m.fields {
		if m.fields[i].name == name {
			return &m.fields[i]
		}
	}
	return nil
}

func (f *prismaField) attr(name string) (prismaAttr, bool) {
	for _, a := range f.attrs {
		if a.name == name {
			return a, true
		}
	}
	return prismaAttr{}, false
}

// PrismaModels reads the models of a Prisma schema file as tables (see
// prismaSchemaReader for what Prisma adds). It reads line by line, so
// it is linear in the file's size.
func PrismaModels(path string, data []byte) []facts.Table {
	var models []*prismaModel
	enums := map[string]bool{}
	provider := ""
	var cur *prismaModel
	block := "" // the kind of block the line is in
	for i, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(strings.ReplaceAll(stripPrismaComment(string(raw)), "\t", " "))
		if line == "" {
			continue
		}
		if block == "" {
			words := strings.Fields(line)
			if len(words) >= 2 && strings.HasSuffix(line, "{") {
				block = words[0]
				switch block {
				case "model":
					cur = &prismaModel{name: strings.TrimSuffix(words[1], "{"), line: i + 1}
					models = append(models, cur)
				case "enum":
					enums[strings.TrimSuffix(words[1], "{")] = true
				}
			}
			continue
		}
		if strings.HasPrefix(line, "}") {
			block, cur = "", nil
			continue
		}
		if block == "datasource" && strings.HasPrefix(line, "provider") {
			if _, v, ok := strings.Cut(line, "="); ok {
				provider = strings.Trim(strings.TrimSpace(v), `"`)
			}
		}
		if cur == nil {
			continue
		}
		if strings.HasPrefix(line, "@@") {
			for _, a := range prismaAttrs(line) {
				cur.block = append(cur.block, a)
				cur.lines = append(cur.lines, i+1)
			}
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		typ, attrs, _ := strings.Cut(rest, " ")
		if typ == "" || name == "" {
			continue
		}
		fd := prismaField{name: name, line: i + 1, attrs: prismaAttrs(attrs)}
		if strings.HasPrefix(typ, "Unsupported(") {
			// Unsupported("tsvector") may hold a space: the type is the call.
			end := strings.Index(rest, ")")
			if end < 0 {
				continue
			}
			typ = rest[:end+1]
			fd.attrs = prismaAttrs(rest[end+1:])
			if strings.HasPrefix(rest[end+1:], "?") {
				fd.optional = true
			}
		}
		if t, ok := strings.CutSuffix(typ, "?"); ok {
			typ, fd.optional = t, true
		}
		if t, ok := strings.CutSuffix(typ, "[]"); ok {
			typ, fd.list = t, true
		}
		fd.typ = typ
		cur.fields = append(cur.fields, fd)
	}
	byName := map[string]*prismaModel{}
	for _, m := range models {
		byName[m.name] = m
	}
	var tables []facts.Table
	for _, m := range models {
		if hasBlockAttr(m, "ignore") {
			continue
		}
		tables = append(tables, prismaTable(path, m, byName, enums, provider))
	}
	return append(tables, prismaJoinTables(path, models, byName, provider)...)
}

// stripPrismaComment drops a // comment, not one inside a string.
func stripPrismaComment(s string) string {
	inString := false
	for i := 0; i+1 < len(s); i++ {
		switch {
		case s[i] == '\\' && inString:
			i++
		case s[i] == '"':
			inString = !inString
		case !inString && s[i] == '/' && s[i+1] == '/':
			return s[:i]
		}
	}
	return s
}

// prismaAttrs reads the @attributes of the rest of a line: a name, and
// the text of its parenthesised arguments, nesting counted.
func prismaAttrs(s string) []prismaAttr {
	var out []prismaAttr
	for i := 0; i < len(s); {
		if s[i] != '@' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '@' {
			j++
		}
		k := j
		for k < len(s) && (isWordByte(s[k]) || s[k] == '.') {
			k++
		}
		a := prismaAttr{name: s[j:k]}
		if k < len(s) && s[k] == '(' {
			depth, inString, end := 0, false, len(s)
		scan:
			for m := k; m < len(s); m++ {
				switch c := s[m]; {
				case c == '\\' && inString:
					m++
				case c == '"':
					inString = !inString
				case inString:
				case c == '(':
					depth++
				case c == ')':
					depth--
					if depth == 0 {
						end = m
						break scan
					}
				}
			}
			a.args = s[k+1 : end]
			k = min(end+1, len(s))
		}
		out = append(out, a)
		i = k
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// prismaArg returns the value of the named argument key: (name: "x",
// fields: [a, b]); key "" is the first positional argument.
func prismaArg(args, key string) string {
	for _, part := range splitTop(args) {
		part = strings.TrimSpace(part)
		k, v, ok := strings.Cut(part, ":")
		if ok && isIdent(strings.TrimSpace(k)) {
			if strings.TrimSpace(k) == key {
				return strings.TrimSpace(v)
			}
			continue
		}
		if key == "" {
			return part
		}
	}
	return ""
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// splitTop splits at the commas outside brackets, parentheses and strings.
func splitTop(s string) []string {
	var out []string
	depth, inString, from := 0, false, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && inString:
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

// prismaList reads [a, b] (or a bare a) as names.
func prismaList(v string) []string {
	v = strings.TrimSpace(v)
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	var out []string
	for _, p := range splitTop(v) {
		p = strings.TrimSpace(p)
		if i := strings.IndexAny(p, "( "); i >= 0 { // [title(sort: Desc)], [a(length: 10)]
			p = p[:i]
		}
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func unquote(s string) string { return strings.Trim(strings.TrimSpace(s), `"`) }

func hasBlockAttr(m *prismaModel, name string) bool {
	for _, a := range m.block {
		if a.name == name {
			return true
		}
	}
	return false
}

// tableName is the table Prisma gives the model: @@map, else its name.
func (m *prismaModel) tableName() string {
	for _, a := range m.block {
		if a.name == "map" {
			if n := unquote(prismaArg(a.args, "")); n != "" {
				return n
			}
			if n := unquote(prismaArg(a.args, "name")); n != "" {
				return n
			}
		}
	}
	return m.name
}

// column is the column a field is stored in: @map, else its name.
func (m *prismaModel) column(field string) string {
	if f := m.field(field); f != nil {
		if a, ok := f.attr("map"); ok {
			if n := unquote(prismaArg(a.args, "")); n != "" {
				return n
			}
		}
	}
	return field
}

func (m *prismaModel) columns(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = m.column(f)
	}
	return out
}

func prismaTable(path string, m *prismaModel, models map[string]*prismaModel, enums map[string]bool, provider string) facts.Table {
	t := facts.Table{Name: m.tableName(), Source: facts.Location{Path: path, Line: m.line}}
	for _, f := range m.fields {
		at := facts.Location{Path: path, Line: f.line}
		if target, ok := models[f.typ]; ok {
			rel, _ := f.attr("relation")
			fields := prismaList(prismaArg(rel.args, "fields"))
			if len(fields) == 0 {
				continue // the other side of a relation, or many-to-many
			}
			fk := facts.ForeignKey{
				Columns:    m.columns(fields),
				References: target.tableName(),
				RefColumns: target.columns(prismaList(prismaArg(rel.args, "references"))),
				OnDelete:   prismaAction(prismaArg(rel.args, "onDelete")),
				At:         at,
			}
			if fk.OnDelete == "" {
				fk.OnDelete = "restrict"
				for _, name := range fields {
					if sf := m.field(name); sf != nil && sf.optional {
						fk.OnDelete = "set null"
					}
				}
			}
			if name := unquote(prismaArg(rel.args, "map")); name != "" {
				fk.Name = name
			}
			t.ForeignKeys = append(t.ForeignKeys, fk)
			continue
		}
		if _, ok := f.attr("ignore"); ok {
			continue
		}
		col := facts.Column{Name: m.column(f.name), Type: prismaType(f, enums, provider), Nullable: f.optional, At: at}
		if d, ok := f.attr("default"); ok {
			col.Default = strings.TrimSpace(d.args)
		}
		if len(t.Columns) < 500 {
			t.Columns = append(t.Columns, col)
		}
		if _, ok := f.attr("id"); ok {
			t.PrimaryKey = []string{col.Name}
		}
		if _, ok := f.attr("unique"); ok {
			t.Indexes = append(t.Indexes, facts.Index{Columns: []string{col.Name}, Unique: true, At: at})
		}
	}
	for i, a := range m.block {
		at := facts.Location{Path: path, Line: m.lines[i]}
		fields := prismaList(prismaArg(a.args, ""))
		if len(fields) == 0 {
			fields = prismaList(prismaArg(a.args, "fields"))
		}
		if len(fields) == 0 {
			continue
		}
		switch a.name {
		case "id":
			t.PrimaryKey = m.columns(fields)
		case "unique", "index":
			t.Indexes = append(t.Indexes, facts.Index{Name: unquote(prismaArg(a.args, "map")), Columns: m.columns(fields), Unique: a.name == "unique", At: at})
		}
	}
	return t
}

// prismaAction maps a referential action to the facts' spelling.
func prismaAction(a string) string {
	switch strings.TrimSpace(a) {
	case "Cascade":
		return "cascade"
	case "SetNull":
		return "set null"
	case "Restrict":
		return "restrict"
	case "NoAction":
		return "no action"
	case "SetDefault":
		return "set default"
	}
	return ""
}

// prismaType maps a field's type as Prisma Migrate creates the column on
// the schema's provider.
func prismaType(f prismaField, enums map[string]bool, provider string) string {
	if f.list {
		return "array"
	}
	for _, a := range f.attrs {
		if name, ok := strings.CutPrefix(a.name, "db."); ok {
			switch name {
			case "DoublePrecision":
				return "double"
			case "ObjectId":
				return "objectid"
			case "Timestamptz":
				return "timestamptz"
			case "Timestamp":
				return "timestamp"
			}
			written := name
			if a.args != "" {
				written += "(" + a.args + ")"
			}
			if t := schema.SQLType(written); t != "" {
				return t
			}
		}
	}
	if enums[f.typ] {
		return "enum"
	}
	_, autoinc := f.attr("default")
	if autoinc {
		d, _ := f.attr("default")
		autoinc = strings.HasPrefix(strings.TrimSpace(d.args), "autoincrement(")
	}
	mysql := provider == "mysql"
	switch f.typ {
	case "String":
		if mysql {
			return "varchar(191)"
		}
		return "text"
	case "Int":
		if autoinc && (provider == "postgresql" || provider == "postgres") {
			return "serial"
		}
		return "integer"
	case "BigInt":
		if autoinc && (provider == "postgresql" || provider == "postgres") {
			return "bigserial"
		}
		return "bigint"
	case "Float":
		return "double"
	case "Decimal":
		return "decimal(65,30)"
	case "Boolean":
		return "boolean"
	case "DateTime":
		return "timestamp"
	case "Json":
		if provider == "postgresql" || provider == "postgres" || provider == "cockroachdb" {
			return "jsonb"
		}
		return "json"
	case "Bytes":
		if mysql {
			return "blob"
		}
		return "bytea"
	}
	if inner, ok := strings.CutPrefix(f.typ, "Unsupported("); ok {
		return strings.ToLower(unquote(strings.TrimSuffix(inner, ")")))
	}
	return strings.ToLower(f.typ)
}

// prismaJoinTables are the join tables of the implicit many-to-many
// relations: a list field whose target model has a list field back, by
// the same relation name, and neither names fields.
func prismaJoinTables(path string, models []*prismaModel, byName map[string]*prismaModel, provider string) []facts.Table {
	type side struct {
		model *prismaModel
		field *prismaField
	}
	sides := map[string][]side{}
	var keys []string
	for _, m := range models {
		for i := range m.fields {
			f := &m.fields[i]
			if !f.list || byName[f.typ] == nil {
				continue
			}
			rel, _ := f.attr("relation")
			if len(prismaList(prismaArg(rel.args, "fields"))) > 0 {
				continue
			}
			name := unquote(prismaArg(rel.args, ""))
			if name == "" {
				name = unquote(prismaArg(rel.args, "name"))
			}
			pair := []string{m.name, f.typ}
			sort.Strings(pair)
			key := name + "\x00" + pair[0] + "\x00" + pair[1]
			if _, ok := sides[key]; !ok {
				keys = append(keys, key)
			}
			sides[key] = append(sides[key], side{m, f})
		}
	}
	var out []facts.Table
	for _, key := range keys {
		s := sides[key]
		if len(s) != 2 {
			continue // a one-to-many back relation, or a half-written one
		}
		name, rest, _ := strings.Cut(key, "\x00")
		a, b, _ := strings.Cut(rest, "\x00")
		if name == "" {
			name = a + "To" + b
		}
		ma, mb := byName[a], byName[b]
		at := facts.Location{Path: path, Line: s[0].field.line}
		tn := "_" + name
		t := facts.Table{Name: tn, Source: at,
			Columns: []facts.Column{
				{Name: "A", Type: idType(ma, provider), At: at},
				{Name: "B", Type: idType(mb, provider), At: at},
			},
			ForeignKeys: []facts.ForeignKey{
				{Columns: []string{"A"}, References: ma.tableName(), RefColumns: idColumns(ma), OnDelete: "cascade", At: at},
				{Columns: []string{"B"}, References: mb.tableName(), RefColumns: idColumns(mb), OnDelete: "cascade", At: at},
			},
			Indexes: []facts.Index{
				{Name: tn + "_AB_unique", Columns: []string{"A", "B"}, Unique: true, At: at},
				{Name: tn + "_B_index", Columns: []string{"B"}, At: at},
			},
		}
		out = append(out, t)
	}
	return out
}

// idColumns are a model's primary key columns.
func idColumns(m *prismaModel) []string {
	for _, f := range m.fields {
		if _, ok := f.attr("id"); ok {
			return []string{m.column(f.name)}
		}
	}
	return []string{"id"}
}

// idType is the type of a join table's column referring to m: its id's,
// an integer rather than a serial.
func idType(m *prismaModel, provider string) string {
	for _, f := range m.fields {
		if _, ok := f.attr("id"); ok {
			switch t := prismaType(f, nil, provider); t {
			case "serial":
				return "integer"
			case "bigserial":
				return "bigint"
			default:
				return t
			}
		}
	}
	return "integer"
}
