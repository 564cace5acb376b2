package python

import (
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// saType maps a SQLAlchemy type (sa.String(50), postgresql.UUID,
// sqlmodel's AutoString) to the schema vocabulary; unknown types are
// returned lower-cased as written.
func saType(src []byte, callee string, args []pyArg) string {
	name := strings.ToLower(lastName(callee))
	pos := positional(args)
	num := func(i int, key string) string {
		if a, ok := kw(args, key); ok {
			return strings.TrimSpace(a.Val)
		}
		if i < len(pos) && isNumber(pos[i].Val) {
			return strings.TrimSpace(pos[i].Val)
		}
		return ""
	}
	sized := func(base string) string {
		if n := num(0, "length"); n != "" && isNumber(n) {
			return base + "(" + n + ")"
		}
		return base
	}
	precise := func(base string) string {
		p, s := num(0, "precision"), num(1, "scale")
		switch {
		case p != "" && s != "" && isNumber(p) && isNumber(s):
			return base + "(" + p + "," + s + ")"
		case p != "" && isNumber(p):
			return base + "(" + p + ")"
		}
		return base
	}
	switch name {
	case "integer", "int", "int4":
		return "integer"
	case "biginteger", "bigint", "int8":
		return "bigint"
	case "smallinteger", "smallint", "int2":
		return "smallint"
	case "string", "varchar", "unicode", "nvarchar", "autostring", "citext":
		if name == "citext" {
			return "citext"
		}
		return sized("varchar")
	case "char", "nchar":
		return sized("char")
	case "text", "unicodetext", "clob":
		return "text"
	case "float":
		return "float"
	case "real":
		return "real"
	case "double", "double_precision":
		return "double"
	case "numeric":
		return precise("numeric")
	case "decimal":
		return precise("decimal")
	case "boolean", "bool":
		return "boolean"
	case "datetime", "timestamp":
		if tz, _ := kwBool(args, "timezone"); tz {
			return "timestamptz"
		}
		return "timestamp"
	case "date":
		return "date"
	case "time":
		return "time"
	case "interval":
		return "interval"
	case "uuid", "uuidtype", "guid":
		return "uuid"
	case "json":
		return "json"
	case "jsonb":
		return "jsonb"
	case "largebinary", "binary", "bytea", "varbinary", "pickletype":
		return "bytea"
	case "blob":
		return "blob"
	case "enum":
		return "enum"
	case "array":
		return "array"
	case "money":
		return "money"
	}
	return name
}

func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// annotType maps a Python annotation (Mapped[int], Optional[str],
// datetime | None) to the schema vocabulary, and whether it admits None.
// ok is false for what is not a column's type (a list, another model).
func annotType(annot string) (typ string, nullable, ok bool) {
	t := strings.TrimSpace(annot)
	if s, found := strings.CutPrefix(t, "Mapped["); found {
		t = strings.TrimSuffix(s, "]")
	} else if s, found := strings.CutPrefix(t, "orm.Mapped["); found {
		t = strings.TrimSuffix(s, "]")
	}
	t = strings.TrimSpace(t)
	for _, w := range []string{"Optional[", "typing.Optional["} {
		if s, found := strings.CutPrefix(t, w); found {
			t, nullable = strings.TrimSuffix(s, "]"), true
		}
	}
	if s, found := strings.CutPrefix(t, "Union["); found {
		t = strings.TrimSuffix(s, "]")
	}
	var parts []string
	for _, part := range strings.FieldsFunc(t, func(r rune) bool { return r == '|' || r == ',' }) {
		part = strings.TrimSpace(part)
		if part == "None" || part == "NoneType" {
			nullable = true
			continue
		}
		parts = append(parts, part)
	}
	if len(parts) != 1 {
		return "", nullable, false
	}
	t = strings.Trim(parts[0], `"'`)
	switch lastName(t) {
	case "int":
		return "integer", nullable, true
	case "str", "EmailStr", "HttpUrl", "AnyUrl":
		return "varchar", nullable, true
	case "float":
		return "float", nullable, true
	case "bool":
		return "boolean", nullable, true
	case "datetime":
		return "timestamp", nullable, true
	case "date":
		return "date", nullable, true
	case "time":
		return "time", nullable, true
	case "timedelta":
		return "interval", nullable, true
	case "Decimal":
		return "numeric", nullable, true
	case "UUID":
		return "uuid", nullable, true
	case "bytes":
		return "bytea", nullable, true
	case "dict", "Dict", "Any":
		return "json", nullable, true
	}
	if strings.ContainsAny(t, "[") {
		return "", nullable, false // list["Task"], dict[str, int]
	}
	return strings.ToLower(lastName(t)), nullable, true
}

// saCol is one SQLAlchemy column as declared: the column and the keys,
// references and indexes declared with it.
type saCol struct {
	col     facts.Column
	pk      bool
	typed   bool
	nullSet bool
	fks     []facts.ForeignKey
	indexes []facts.Index
}

// saColumn reads the arguments of sa.Column / mapped_column / db.Column
// (or sqlmodel's Field) for the column name of table (name may be empty
// when the first positional argument names it). model says the column is
// a model's, where default= is the model's default; in a migration only
// server_default reaches the database.
func (p *pyFile) saColumn(args []pyArg, name, table string, off int, model bool, classTables map[string]string) saCol {
	var c saCol
	c.col.At = p.at(off)
	for i, a := range positional(args) {
		if s, ok := pyStr(a.Val); ok {
			if i == 0 {
				name = s
			}
			continue
		}
		callee, cargs, _ := call(p.src, a)
		switch lastName(callee) {
		case "ForeignKey":
			if fk, ok := p.saForeignKey(cargs, a.Off, classTables); ok {
				c.fks = append(c.fks, fk)
			}
		case "Sequence", "Identity", "Computed", "CheckConstraint", "FetchedValue", "DefaultClause", "":
		default:
			if !c.typed {
				c.col.Type, c.typed = saType(p.src, callee, cargs), true
			}
		}
	}
	if a, ok := kw(args, "type_"); ok && !c.typed {
		callee, cargs, _ := call(p.src, a)
		c.col.Type, c.typed = saType(p.src, callee, cargs), true
	}
	c.col.Name = name
	c.pk, _ = kwBool(args, "primary_key")
	c.col.Nullable = !c.pk
	if v, set := kwBool(args, "nullable"); set {
		c.col.Nullable, c.nullSet = v, true
	}
	if a, ok := kw(args, "server_default"); ok {
		c.col.Default = defaultText(p.src, a)
	} else if a, ok := kw(args, "default"); ok && model {
		c.col.Default, _ = literalDefault(a)
	}
	unique, _ := kwBool(args, "unique")
	index, _ := kwBool(args, "index")
	switch {
	case index:
		c.indexes = append(c.indexes, facts.Index{Name: "ix_" + table + "_" + name, Columns: []string{name}, Unique: unique, At: c.col.At})
	case unique:
		c.indexes = append(c.indexes, facts.Index{Columns: []string{name}, Unique: true, At: c.col.At})
	}
	for i := range c.fks {
		c.fks[i].Columns = []string{name}
	}
	return c
}

// literalDefault returns a Python-side default (SQLAlchemy's and Django's
// default=) when it is a literal: a callable (datetime.utcnow, dict, a
// lambda) runs in the application, not in the database.
func literalDefault(a pyArg) (string, bool) {
	v := strings.TrimSpace(a.Val)
	if s, ok := pyStr(v); ok {
		return s, true
	}
	switch v {
	case "True", "False":
		return v, true
	case "None", "":
		return "", false
	}
	n := strings.TrimPrefix(v, "-")
	if n != "" && strings.Trim(n, "0123456789.") == "" {
		return v, true
	}
	return "", false
}

// defaultText is a default as written, with sa.text("now()") and
// func.now() read as the SQL they stand for.
func defaultText(src []byte, a pyArg) string {
	if s, ok := pyStr(a.Val); ok {
		return s
	}
	callee, args, paren := call(src, a)
	switch lastName(callee) {
	case "text", "literal_column":
		if pos := positional(args); len(pos) > 0 {
			if s, ok := pyStr(pos[0].Val); ok {
				return s
			}
		}
	}
	if paren && strings.HasPrefix(callee, "func.") || strings.HasPrefix(callee, "sa.func.") || strings.HasPrefix(callee, "sqlalchemy.func.") {
		return lastName(callee) + "()"
	}
	v := a.Val
	if len(v) > 80 {
		v = v[:80]
	}
	return v
}

// saForeignKey reads ForeignKey("users.id", ondelete="CASCADE") (or
// ForeignKey(User.id) when the class is in classTables).
func (p *pyFile) saForeignKey(args []pyArg, off int, classTables map[string]string) (facts.ForeignKey, bool) {
	pos := positional(args)
	target := ""
	if a, ok := kw(args, "column"); ok {
		pos = append([]pyArg{a}, pos...)
	}
	if len(pos) == 0 {
		return facts.ForeignKey{}, false
	}
	if s, ok := pyStr(pos[0].Val); ok {
		target = s
	} else if cls, col, found := strings.Cut(strings.TrimSpace(pos[0].Val), "."); found {
		t, known := classTables[cls]
		if !known {
			t = strings.ToLower(cls)
		}
		target = t + "." + col
	}
	table, col := splitRef(target)
	if table == "" {
		return facts.ForeignKey{}, false
	}
	fk := facts.ForeignKey{References: table, At: p.at(off)}
	if col != "" {
		fk.RefColumns = []string{col}
	}
	fk.Name, _ = kwStr(args, "name")
	if s, ok := kwStr(args, "ondelete"); ok {
		fk.OnDelete = strings.ToLower(strings.TrimSpace(s))
	}
	return fk, true
}

// splitRef splits "schema.table.column" into table and column.
func splitRef(ref string) (table, column string) {
	parts := strings.Split(ref, ".")
	switch len(parts) {
	case 1:
		return parts[0], ""
	default:
		return parts[len(parts)-2], parts[len(parts)-1]
	}
}

// saConstraint reads a table-level constraint of create_table or
// __table_args__: PrimaryKeyConstraint, ForeignKeyConstraint,
// UniqueConstraint, Index. It adds what it declares to t.
func (p *pyFile) saConstraint(t *facts.Table, callee string, args []pyArg, off int) {
	at := p.at(off)
	pos := positional(args)
	var cols []string
	for _, a := range pos {
		if s, ok := pyStr(a.Val); ok {
			cols = append(cols, s)
		}
	}
	name, _ := kwStr(args, "name")
	switch lastName(callee) {
	case "PrimaryKeyConstraint":
		t.PrimaryKey = cols
		for _, c := range cols {
			if col := t.Column(c); col != nil {
				col.Nullable = false
			}
		}
	case "UniqueConstraint":
		if len(cols) > 0 {
			t.Indexes = append(t.Indexes, facts.Index{Name: name, Columns: cols, Unique: true, At: at})
		}
	case "Index":
		if len(cols) > 1 {
			unique, _ := kwBool(args, "unique")
			t.Indexes = append(t.Indexes, facts.Index{Name: cols[0], Columns: cols[1:], Unique: unique, At: at})
		}
	case "ForeignKeyConstraint":
		if len(pos) < 2 {
			return
		}
		local, remote := strs(p.src, pos[0]), strs(p.src, pos[1])
		if len(local) == 0 || len(remote) == 0 {
			return
		}
		fk := facts.ForeignKey{Name: name, Columns: local, At: at}
		for _, r := range remote {
			table, col := splitRef(r)
			fk.References = table
			if col != "" {
				fk.RefColumns = append(fk.RefColumns, col)
			}
		}
		if s, ok := kwStr(args, "ondelete"); ok {
			fk.OnDelete = strings.ToLower(strings.TrimSpace(s))
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
	}
}
