package schema

import (
	"strconv"
	"strings"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// SQLFile is what ReadSQL found in a SQL file.
type SQLFile struct {
	// Ops are the schema steps of the DDL statements, in order.
	Ops []Op
	// Destructive are the statements that drop data (DROP TABLE, a
	// dropped column) with no copy of that data earlier in the file (an
	// INSERT ... SELECT from the table, an UPDATE that reads the column).
	Destructive []facts.Location
	// Statements counts the statements of any kind: zero means the file
	// holds only comments and blanks (an empty down migration).
	Statements int
}

// ParseSQL parses the DDL of a SQL file (PostgreSQL, MySQL/MariaDB,
// SQLite, H2, SQL Server basics) into schema steps: CREATE TABLE, ALTER
// TABLE, CREATE INDEX, DROP TABLE/INDEX, RENAME TABLE. Other statements
// (INSERT, functions, views, grants) are skipped. It is linear in the
// size of data and never fails: what it cannot read it leaves out.
//
// Names are unquoted and stripped of their schema (public.users is
// users). Types are mapped to facts.Schema's vocabulary. SERIAL, an
// IDENTITY, AUTO_INCREMENT and primary key columns are NOT NULL, as the
// database makes them. A REFERENCES with no column list refers to the
// referenced table's primary key when this file declares it.
func ParseSQL(path string, data []byte) []Op { return ReadSQL(path, 1, data).Ops }

// ParseSQLFrom is ParseSQL for SQL that starts on line firstLine of path:
// a SQL string inside another language's source (a TypeORM migration).
func ParseSQLFrom(path string, firstLine int, data []byte) []Op {
	return ReadSQL(path, firstLine, data).Ops
}

// ReadSQL parses data like ParseSQL and also reports which statements
// drop data and how many statements there are.
func ReadSQL(path string, firstLine int, data []byte) SQLFile {
	p := &sqlParser{path: path, enums: map[string]bool{}, copied: map[string]bool{}, read: map[string]bool{}, pks: map[string][]string{}}
	toks := lexSQL(data, firstLine)
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && !toks[i].punct(';') && !isGo(toks, i) {
			continue
		}
		if i > start {
			p.out.Statements++
			p.statement(data, toks[start:i])
		}
		start = i + 1
	}
	return p.out
}

// isGo reports whether toks[i] is SQL Server's batch separator: GO alone
// on its line.
func isGo(toks []token, i int) bool {
	if !toks[i].is("GO") {
		return false
	}
	return (i == 0 || toks[i-1].line != toks[i].line) && (i+1 == len(toks) || toks[i+1].line != toks[i].line)
}

type sqlParser struct {
	path string
	out  SQLFile
	// enums are the enum types CREATE TYPE ... AS ENUM declared.
	enums map[string]bool
	// copied are the tables an INSERT ... SELECT or CREATE TABLE ... AS
	// read; read the "table.column"s an UPDATE mentions: data saved before
	// a drop.
	copied, read map[string]bool
	// pks are the primary keys of the tables created so far, for a
	// REFERENCES t with no column list.
	pks map[string][]string
}

func (p *sqlParser) at(t token) facts.Location { return facts.Location{Path: p.path, Line: t.line} }

func (p *sqlParser) emit(op Op) { p.out.Ops = append(p.out.Ops, op) }

// cursor walks one statement's tokens.
type cursor struct {
	data []byte
	t    []token
	i    int
}

func (c *cursor) eof() bool { return c.i >= len(c.t) }

func (c *cursor) peek() token { return c.look(0) }

func (c *cursor) look(k int) token {
	if c.i+k < len(c.t) {
		return c.t[c.i+k]
	}
	return token{kind: tPunct}
}

func (c *cursor) next() token {
	t := c.peek()
	if !c.eof() {
		c.i++
	}
	return t
}

// accept consumes the keywords kws when the next tokens are exactly them.
func (c *cursor) accept(kws ...string) bool {
	for k, kw := range kws {
		if !c.look(k).is(kw) {
			return false
		}
	}
	c.i += len(kws)
	return true
}

// acceptAny consumes the next token when it is one of the keywords kws.
func (c *cursor) acceptAny(kws ...string) bool {
	for _, kw := range kws {
		if c.peek().is(kw) {
			c.i++
			return true
		}
	}
	return false
}

func (c *cursor) acceptPunct(b byte) bool {
	if c.peek().punct(b) {
		c.i++
		return true
	}
	return false
}

// skipGroup skips a parenthesised group when the cursor is at its '(':
// nesting is counted, not recursed into.
func (c *cursor) skipGroup() {
	if !c.peek().punct('(') {
		return
	}
	depth := 0
	for !c.eof() {
		t := c.next()
		switch {
		case t.punct('('):
			depth++
		case t.punct(')'):
			depth--
			if depth == 0 {
				return
			}
		}
	}
}

// qualifiedName reads a possibly schema-qualified name and returns its
// last part: public.users and [dbo].[users] are users.
func (c *cursor) qualifiedName() string {
	if !c.peek().name() {
		return ""
	}
	name := c.next().text
	for c.peek().punct('.') && c.look(1).name() {
		c.i++
		name = c.next().text
	}
	return name
}

// text is the source of tokens [from, to) with runs of blanks made one
// space, cut at a length no default needs.
func (c *cursor) text(from, to int) string {
	if from >= to || to > len(c.t) {
		return ""
	}
	s := strings.Join(strings.Fields(string(c.data[c.t[from].start:c.t[to-1].end])), " ")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// items splits the parenthesised list at the cursor into its top-level
// comma-separated items (as token index ranges) and moves past it.
func (c *cursor) items() [][2]int {
	if !c.acceptPunct('(') {
		return nil
	}
	var out [][2]int
	depth, from := 0, c.i
	for !c.eof() {
		t := c.next()
		switch {
		case t.punct('('):
			depth++
		case t.punct(')'):
			if depth == 0 {
				if c.i-1 > from {
					out = append(out, [2]int{from, c.i - 1})
				}
				return out
			}
			depth--
		case t.punct(',') && depth == 0:
			if c.i-1 > from {
				out = append(out, [2]int{from, c.i - 1})
			}
			from = c.i
		}
	}
	if c.i > from {
		out = append(out, [2]int{from, c.i})
	}
	return out
}

// columnList reads "(a, b DESC, lower(email))": plain columns by name,
// expressions as written.
func (c *cursor) columnList() []string {
	var cols []string
	for _, it := range c.items() {
		first := c.t[it[0]]
		plain := it[1]-it[0] == 1
		if !plain {
			// a DESC, a text_pattern_ops, MySQL's prefix email(191): the
			// column; lower(email), a + b: an expression.
			n := c.t[it[0]+1]
			plain = n.name() || n.punct('(') && it[0]+2 < it[1] && c.t[it[0]+2].kind == tNumber
		}
		if first.name() && plain || first.kind == tQuoted {
			cols = append(cols, first.text)
		} else {
			cols = append(cols, c.text(it[0], it[1]))
		}
	}
	return cols
}

// sub is a cursor over the tokens [from, to) of c.
func (c *cursor) sub(r [2]int) *cursor { return &cursor{data: c.data, t: c.t[r[0]:r[1]]} }

func (p *sqlParser) statement(data []byte, toks []token) {
	c := &cursor{data: data, t: toks}
	first := c.peek()
	switch {
	case c.accept("CREATE"):
		c.accept("OR", "REPLACE")
		temp := false
		unique := false
	modifiers:
		for {
			switch {
			case c.acceptAny("TEMP", "TEMPORARY"):
				temp = true
			case c.acceptAny("GLOBAL", "LOCAL", "UNLOGGED", "CACHED", "MEMORY", "CLUSTERED", "NONCLUSTERED", "FULLTEXT", "SPATIAL"):
			case c.accept("UNIQUE"):
				unique = true
			default:
				break modifiers
			}
		}
		switch {
		case c.accept("TABLE"):
			if !temp {
				p.createTable(c, first)
			}
		case c.accept("INDEX"):
			p.createIndex(c, first, unique)
		case c.accept("TYPE"):
			name := c.qualifiedName()
			if c.accept("AS", "ENUM") && name != "" {
				p.enums[strings.ToLower(name)] = true
			}
		}
	case c.accept("ALTER", "TABLE"):
		p.alterTable(c)
	case c.accept("DROP", "TABLE"):
		c.accept("IF", "EXISTS")
		for {
			t := c.peek()
			name := c.qualifiedName()
			if name == "" {
				break
			}
			p.emit(Op{Kind: DropTable, Table: name, At: p.at(t)})
			if !p.copied[strings.ToLower(name)] {
				p.out.Destructive = append(p.out.Destructive, p.at(t))
			}
			if !c.acceptPunct(',') {
				break
			}
		}
	case c.accept("DROP", "INDEX"):
		c.accept("CONCURRENTLY")
		c.accept("IF", "EXISTS")
		var names []token
		for {
			if c.qualifiedName() == "" {
				break
			}
			names = append(names, c.t[c.i-1])
			if !c.acceptPunct(',') {
				break
			}
		}
		table := ""
		if c.accept("ON") { // MySQL and SQL Server name the table
			table = c.qualifiedName()
		}
		for _, t := range names {
			p.emit(Op{Kind: DropIndex, Table: table, Name: t.text, At: p.at(t)})
		}
	case c.accept("RENAME", "TABLE"): // MySQL: RENAME TABLE a TO b, c TO d
		for {
			t := c.peek()
			from := c.qualifiedName()
			if from == "" || !c.accept("TO") {
				break
			}
			if to := c.qualifiedName(); to != "" {
				p.emit(Op{Kind: RenameTable, Table: from, NewName: to, At: p.at(t)})
			}
			if !c.acceptPunct(',') {
				break
			}
		}
	case c.accept("INSERT"):
		p.noteCopies(c)
	case c.accept("UPDATE"):
		table := strings.ToLower(c.qualifiedName())
		for !c.eof() {
			if t := c.next(); t.name() {
				p.read[table+"."+strings.ToLower(t.text)] = true
			}
		}
	}
}

// noteCopies records the tables a statement selects from: their data is
// kept before a later DROP TABLE.
func (p *sqlParser) noteCopies(c *cursor) {
	for !c.eof() {
		if c.next().is("FROM") || c.t[c.i-1].is("JOIN") {
			if name := c.qualifiedName(); name != "" {
				p.copied[strings.ToLower(name)] = true
			}
		}
	}
}

func (p *sqlParser) createTable(c *cursor, first token) {
	c.accept("IF", "NOT", "EXISTS")
	name := c.qualifiedName()
	if name == "" {
		return
	}
	if !c.peek().punct('(') {
		// CREATE TABLE x AS SELECT ..., LIKE y, PARTITION OF y: no
		// columns to read here.
		if c.peek().is("AS") {
			p.noteCopies(c)
		}
		return
	}
	def := facts.Table{Name: name, Source: p.at(first)}
	for _, it := range c.items() {
		p.tableItem(c.sub(it), &def)
	}
	// A primary key's columns are NOT NULL in every dialect read here.
	for _, pk := range def.PrimaryKey {
		if col := def.Column(pk); col != nil {
			col.Nullable = false
		}
	}
	if len(def.PrimaryKey) > 0 {
		p.pks[strings.ToLower(name)] = def.PrimaryKey
	}
	for i := range def.ForeignKeys {
		p.refColumns(&def.ForeignKeys[i], def)
	}
	p.emit(Op{Kind: CreateTable, Table: name, Def: def, At: p.at(first)})
}

// refColumns fills in the referenced columns of a REFERENCES t with no
// list: t's primary key, when known.
func (p *sqlParser) refColumns(fk *facts.ForeignKey, self facts.Table) {
	if len(fk.RefColumns) > 0 {
		return
	}
	if strings.EqualFold(fk.References, self.Name) && len(self.PrimaryKey) > 0 {
		fk.RefColumns = append([]string(nil), self.PrimaryKey...)
		return
	}
	if pk := p.pks[strings.ToLower(fk.References)]; len(pk) > 0 {
		fk.RefColumns = append([]string(nil), pk...)
	}
}

// constraintStart reports whether an item of a table's list is a table
// constraint rather than a column.
func constraintStart(c *cursor) bool {
	t := c.peek()
	if t.kind != tIdent {
		return false
	}
	switch strings.ToUpper(t.text) {
	case "CONSTRAINT", "PRIMARY", "FOREIGN", "CHECK", "EXCLUDE", "LIKE", "PERIOD", "FULLTEXT", "SPATIAL":
		return true
	case "UNIQUE":
		// UNIQUE (a, b), UNIQUE KEY name (a): not a column named unique.
		n := c.look(1)
		return n.punct('(') || n.is("KEY") || n.is("INDEX") || n.name() && c.look(2).punct('(')
	case "KEY", "INDEX":
		// MySQL's KEY name (a) and INDEX (a), not "key varchar(50)".
		n := c.look(1)
		return n.punct('(') || n.name() && (c.look(2).is("USING") || c.look(2).punct('(') && c.look(3).name())
	}
	return false
}

// tableItem reads one item of CREATE TABLE's list into def.
func (p *sqlParser) tableItem(c *cursor, def *facts.Table) {
	if constraintStart(c) {
		p.tableConstraint(c, def)
		return
	}
	col, ok := p.column(c, def)
	if ok && len(def.Columns) < maxColumns {
		def.Columns = append(def.Columns, col)
	}
}

// tableConstraint reads a table-level constraint into def.
func (p *sqlParser) tableConstraint(c *cursor, def *facts.Table) {
	start := c.peek()
	name := ""
	if c.accept("CONSTRAINT") && c.peek().name() {
		name = c.next().text
	}
	switch {
	case c.accept("PRIMARY", "KEY"):
		c.acceptAny("CLUSTERED", "NONCLUSTERED")
		skipIndexName(c)
		def.PrimaryKey = c.columnList()
	case c.accept("UNIQUE"):
		c.acceptAny("KEY", "INDEX")
		c.acceptAny("CLUSTERED", "NONCLUSTERED")
		if n := skipIndexName(c); n != "" && name == "" {
			name = n
		}
		if cols := c.columnList(); len(cols) > 0 {
			def.Indexes = append(def.Indexes, facts.Index{Name: name, Columns: cols, Unique: true, At: p.at(start)})
		}
	case c.accept("FOREIGN", "KEY"):
		if n := skipIndexName(c); n != "" && name == "" {
			name = n
		}
		cols := c.columnList()
		if fk, ok := p.references(c); ok && len(cols) > 0 {
			fk.Name, fk.Columns, fk.At = name, cols, p.at(start)
			def.ForeignKeys = append(def.ForeignKeys, fk)
		}
	case c.acceptAny("KEY", "INDEX", "FULLTEXT", "SPATIAL"):
		c.acceptAny("KEY", "INDEX")
		n := skipIndexName(c)
		if cols := c.columnList(); len(cols) > 0 {
			def.Indexes = append(def.Indexes, facts.Index{Name: n, Columns: cols, At: p.at(start)})
		}
	}
}

// skipIndexName reads the optional name (and USING method) before an
// index's column list.
func skipIndexName(c *cursor) string {
	name := ""
	if c.peek().name() && !c.peek().is("USING") {
		name = c.next().text
	}
	if c.accept("USING") {
		c.next()
	}
	return name
}

// references reads "REFERENCES t [(cols)] [ON DELETE a] [ON UPDATE a]
// [MATCH ..] [DEFERRABLE ..]" at the cursor.
func (p *sqlParser) references(c *cursor) (facts.ForeignKey, bool) {
	if !c.accept("REFERENCES") {
		return facts.ForeignKey{}, false
	}
	fk := facts.ForeignKey{References: c.qualifiedName()}
	if fk.References == "" {
		return fk, false
	}
	if c.peek().punct('(') {
		fk.RefColumns = c.columnList()
	}
	for !c.eof() {
		switch {
		case c.accept("ON", "DELETE"):
			fk.OnDelete = refAction(c)
		case c.accept("ON", "UPDATE"):
			refAction(c)
		case c.accept("MATCH"):
			c.next()
		case c.acceptAny("DEFERRABLE", "NOT"), c.accept("INITIALLY"):
			c.acceptAny("DEFERRED", "IMMEDIATE", "DEFERRABLE")
		default:
			return fk, true
		}
	}
	return fk, true
}

// refAction reads ON DELETE's action, lower-cased.
func refAction(c *cursor) string {
	switch {
	case c.accept("CASCADE"):
		return "cascade"
	case c.accept("RESTRICT"):
		return "restrict"
	case c.accept("SET", "NULL"):
		return "set null"
	case c.accept("SET", "DEFAULT"):
		return "set default"
	case c.accept("NO", "ACTION"):
		return "no action"
	}
	return ""
}

// column reads a column definition; its inline PRIMARY KEY, UNIQUE and
// REFERENCES go into def.
func (p *sqlParser) column(c *cursor, def *facts.Table) (facts.Column, bool) {
	nameTok := c.peek()
	if !nameTok.name() {
		return facts.Column{}, false
	}
	c.i++
	col := facts.Column{Name: nameTok.text, Nullable: true, At: p.at(nameTok)}
	typ, auto := p.columnType(c)
	col.Type = typ
	if auto {
		col.Nullable = false
	}
	constraint := ""
	for !c.eof() {
		t := c.peek()
		switch {
		case c.accept("CONSTRAINT"):
			if c.peek().name() {
				constraint = c.next().text
			}
			continue
		case c.accept("NOT", "NULL"):
			col.Nullable = false
		case c.accept("NULL"):
			col.Nullable = true
		case c.accept("PRIMARY", "KEY"):
			col.Nullable = false
			def.PrimaryKey = []string{col.Name}
			c.acceptAny("ASC", "DESC")
			c.acceptAny("CLUSTERED", "NONCLUSTERED")
		case c.accept("UNIQUE"):
			c.acceptAny("KEY", "INDEX")
			def.Indexes = append(def.Indexes, facts.Index{Name: constraint, Columns: []string{col.Name}, Unique: true, At: p.at(t)})
		case c.peek().is("REFERENCES"):
			if fk, ok := p.references(c); ok {
				fk.Name, fk.Columns, fk.At = constraint, []string{col.Name}, p.at(t)
				def.ForeignKeys = append(def.ForeignKeys, fk)
			}
		case c.accept("DEFAULT"):
			// The expression runs to the next constraint of the column.
			from := c.i
			for first := true; !c.eof() && (first || !columnConstraintWord(c.peek())); first = false {
				if c.peek().punct('(') {
					c.skipGroup()
				} else {
					c.next()
				}
			}
			col.Default = c.text(from, c.i)
		case c.accept("GENERATED"):
			// GENERATED {ALWAYS | BY DEFAULT} AS IDENTITY [(..)], or a
			// computed column AS (expr) STORED.
			for !c.eof() && !c.peek().is("AS") {
				c.next()
			}
			c.accept("AS")
			if c.accept("IDENTITY") {
				col.Nullable = false
			}
			c.skipGroup()
			c.acceptAny("STORED", "VIRTUAL")
		case c.acceptAny("AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY"):
			col.Nullable = false
			c.skipGroup()
		case c.accept("CHECK"), c.accept("AS"):
			c.skipGroup()
			c.acceptAny("STORED", "VIRTUAL", "PERSISTED")
		case c.accept("ON", "UPDATE"), c.acceptAny("COLLATE", "COMMENT", "SRID"), c.accept("CHARACTER", "SET"), c.accept("CHARSET"):
			c.next()
			c.skipGroup()
		default:
			c.next()
			c.skipGroup()
		}
		constraint = ""
	}
	return col, true
}

// columnConstraintWord reports whether t starts a column constraint: it
// ends a DEFAULT expression, and a column with no type (SQLite) has it
// where the type would be.
func columnConstraintWord(t token) bool {
	if t.kind != tIdent {
		return false
	}
	switch strings.ToUpper(t.text) {
	case "NOT", "NULL", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "CONSTRAINT", "GENERATED", "DEFAULT",
		"AUTO_INCREMENT", "AUTOINCREMENT", "IDENTITY", "COLLATE", "COMMENT", "ON":
		return true
	}
	return false
}

// columnType reads a column's type at the cursor and maps it to the
// vocabulary; auto reports a type that makes the column NOT NULL
// (SERIAL).
func (p *sqlParser) columnType(c *cursor) (typ string, auto bool) {
	t := c.peek()
	if !t.name() || columnConstraintWord(t) {
		return "", false
	}
	c.i++
	// A schema-qualified type (pg_catalog.int4, public.mood).
	for c.peek().punct('.') && c.look(1).name() {
		c.i++
		t = c.next()
	}
	words := []string{strings.ToLower(t.text)}
	var args []string
	array := false
	for !c.eof() {
		n := c.peek()
		switch {
		case n.punct('(') && args == nil:
			for _, it := range c.items() {
				args = append(args, strings.ToLower(strings.ReplaceAll(c.text(it[0], it[1]), " ", "")))
			}
			if args == nil {
				args = []string{}
			}
			continue
		case n.punct('['):
			array = true
			for !c.eof() && !c.next().punct(']') {
			}
			continue
		case n.is("ARRAY"):
			array = true
		case n.is("PRECISION") || n.is("VARYING") || n.is("UNSIGNED") || n.is("SIGNED") || n.is("ZEROFILL"):
			words = append(words, strings.ToLower(n.text))
		case (n.is("WITH") || n.is("WITHOUT")) && c.look(1).is("TIME") && c.look(2).is("ZONE"):
			words = append(words, strings.ToLower(n.text)+" time zone")
			c.i += 2
		case n.is("CHARACTER") && c.look(1).is("VARYING"), n.is("VARCHAR") && words[0] == "national", n.is("CHAR") && words[0] == "national", n.is("CHARACTER") && words[0] == "national":
			words = append(words, strings.ToLower(n.text))
		default:
			return p.mapType(words, args, array)
		}
		c.i++
	}
	return p.mapType(words, args, array)
}

// mapType maps a dialect's type to facts.Schema's vocabulary.
func (p *sqlParser) mapType(words, args []string, array bool) (string, bool) {
	if array {
		return "array", false
	}
	base := words[0]
	has := func(w string) bool {
		for _, x := range words[1:] {
			if x == w {
				return true
			}
		}
		return false
	}
	withArgs := func(name string) string {
		if len(args) == 0 {
			return name
		}
		return name + "(" + strings.Join(args, ",") + ")"
	}
	switch base {
	case "serial", "serial4":
		return "serial", true
	case "bigserial", "serial8":
		return "bigserial", true
	case "smallserial", "serial2":
		return "smallserial", true
	case "int", "integer", "int4", "mediumint", "int32":
		return "integer", false
	case "bigint", "int8", "int64":
		return "bigint", false
	case "smallint", "int2":
		return "smallint", false
	case "tinyint":
		if len(args) == 1 && args[0] == "1" {
			return "boolean", false
		}
		return "tinyint", false
	case "bool", "boolean":
		return "boolean", false
	case "bit":
		if len(args) == 0 || args[0] == "1" {
			return "boolean", false
		}
	case "varchar", "nvarchar", "varchar2", "nvarchar2", "character", "char", "nchar", "national", "string":
		varying := base != "character" && base != "char" && base != "nchar" || has("varying") || has("varchar")
		if base == "national" {
			varying = has("varying") || has("varchar")
		}
		if len(args) == 1 && args[0] == "max" {
			return "text", false
		}
		if base == "string" {
			return "text", false
		}
		if varying {
			return withArgs("varchar"), false
		}
		return withArgs("char"), false
	case "text", "tinytext", "mediumtext", "longtext", "clob", "ntext", "nclob":
		return "text", false
	case "float4":
		return "real", false
	case "real":
		return "real", false
	case "float8", "double":
		return "double", false
	case "float":
		// FLOAT(p): up to 24 bits of precision is single precision.
		if len(args) == 1 {
			if bits, err := strconv.Atoi(args[0]); err == nil && bits > 24 {
				return "double", false
			}
		}
		return "float", false
	case "decimal", "dec":
		return withArgs("decimal"), false
	case "numeric", "number":
		return withArgs("numeric"), false
	case "money", "smallmoney":
		return "money", false
	case "date":
		return "date", false
	case "time", "timetz":
		return "time", false
	case "timestamp":
		if has("with time zone") {
			return "timestamptz", false
		}
		return "timestamp", false
	case "timestamptz", "datetimeoffset":
		return "timestamptz", false
	case "datetime", "datetime2", "smalldatetime":
		return "timestamp", false
	case "interval":
		return "interval", false
	case "uuid", "uniqueidentifier":
		return "uuid", false
	case "json":
		return "json", false
	case "jsonb":
		return "jsonb", false
	case "bytea":
		return "bytea", false
	case "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary", "image":
		return "blob", false
	case "enum", "set":
		return "enum", false
	}
	if p.enums[base] {
		return "enum", false
	}
	return withArgs(strings.Join(words, " ")), false
}

func (p *sqlParser) createIndex(c *cursor, first token, unique bool) {
	c.accept("CONCURRENTLY")
	c.accept("IF", "NOT", "EXISTS")
	name := ""
	if !c.peek().is("ON") {
		name = c.qualifiedName()
	}
	if c.accept("USING") { // MySQL: CREATE INDEX i USING BTREE ON t (a)
		c.next()
	}
	if !c.accept("ON") {
		return
	}
	c.accept("ONLY")
	table := c.qualifiedName()
	if c.accept("USING") {
		c.next()
	}
	cols := c.columnList()
	if table == "" || len(cols) == 0 {
		return
	}
	p.emit(Op{Kind: AddIndex, Table: table, Index: facts.Index{Name: name, Columns: cols, Unique: unique, At: p.at(first)}, At: p.at(first)})
}

func (p *sqlParser) alterTable(c *cursor) {
	c.accept("IF", "EXISTS")
	c.accept("ONLY")
	table := c.qualifiedName()
	if table == "" {
		return
	}
	// The actions are comma-separated at the top level.
	var actions [][2]int
	depth, from := 0, c.i
	for k := c.i; k < len(c.t); k++ {
		switch t := c.t[k]; {
		case t.punct('('):
			depth++
		case t.punct(')'):
			depth--
		case t.punct(',') && depth == 0:
			actions = append(actions, [2]int{from, k})
			from = k + 1
		}
	}
	actions = append(actions, [2]int{from, len(c.t)})
	for _, a := range actions {
		if a[1] > a[0] {
			p.alterAction(c.sub(a), table)
		}
	}
}

// alterAction reads one action of ALTER TABLE table.
func (p *sqlParser) alterAction(c *cursor, table string) {
	t := c.peek()
	at := p.at(t)
	switch {
	case c.accept("ADD"):
		if c.peek().punct('(') { // Oracle/H2: ADD (col ..., col ...)
			for _, it := range c.items() {
				p.addColumn(c.sub(it), table)
			}
			return
		}
		if c.accept("COLUMN") {
			c.accept("IF", "NOT", "EXISTS")
			p.addColumn(c.sub([2]int{c.i, len(c.t)}), table)
			return
		}
		c.accept("IF", "NOT", "EXISTS")
		if constraintStart(c) || c.peek().is("UNIQUE") {
			var def facts.Table
			def.Name = table
			p.tableConstraint(c, &def)
			p.constraintOps(def, table, at)
			return
		}
		p.addColumn(c.sub([2]int{c.i, len(c.t)}), table)
	case c.accept("DROP"):
		switch {
		case c.accept("CONSTRAINT"):
			c.accept("IF", "EXISTS")
			name := c.qualifiedName()
			if name == "" {
				return
			}
			p.emit(Op{Kind: DropForeignKey, Table: table, Name: name, At: at})
			p.emit(Op{Kind: DropIndex, Table: table, Name: name, At: at})
			if strings.HasSuffix(strings.ToLower(name), "_pkey") {
				p.emit(Op{Kind: DropPrimaryKey, Table: table, At: at})
			}
		case c.accept("PRIMARY", "KEY"):
			p.emit(Op{Kind: DropPrimaryKey, Table: table, At: at})
		case c.accept("FOREIGN", "KEY"):
			if name := c.qualifiedName(); name != "" {
				p.emit(Op{Kind: DropForeignKey, Table: table, Name: name, At: at})
			}
		case c.acceptAny("INDEX", "KEY"):
			if name := c.qualifiedName(); name != "" {
				p.emit(Op{Kind: DropIndex, Table: table, Name: name, At: at})
			}
		case c.acceptAny("CHECK", "DEFAULT"), c.accept("PERIOD"):
		default:
			c.accept("COLUMN")
			c.accept("IF", "EXISTS")
			name := c.qualifiedName()
			if name == "" {
				return
			}
			p.emit(Op{Kind: DropColumn, Table: table, Name: name, At: at})
			if !p.read[strings.ToLower(table)+"."+strings.ToLower(name)] {
				p.out.Destructive = append(p.out.Destructive, at)
			}
		}
	case c.accept("RENAME"):
		switch {
		case c.acceptAny("TO", "AS"):
			if to := c.qualifiedName(); to != "" {
				p.emit(Op{Kind: RenameTable, Table: table, NewName: to, At: at})
			}
		case c.acceptAny("CONSTRAINT", "INDEX", "KEY"):
		default:
			c.accept("COLUMN")
			from := c.qualifiedName()
			if from != "" && c.accept("TO") {
				if to := c.qualifiedName(); to != "" {
					p.emit(Op{Kind: RenameColumn, Table: table, Name: from, NewName: to, At: at})
				}
			}
		}
	case c.accept("ALTER"):
		c.accept("COLUMN")
		name := c.qualifiedName()
		if name == "" {
			return
		}
		p.alterColumn(c, table, name, at)
	case c.accept("MODIFY"):
		c.accept("COLUMN")
		p.addColumn(c.sub([2]int{c.i, len(c.t)}), table)
	case c.accept("CHANGE"):
		c.accept("COLUMN")
		from := c.qualifiedName()
		if from == "" {
			return
		}
		if to := c.peek(); to.name() && !strings.EqualFold(to.text, from) {
			p.emit(Op{Kind: RenameColumn, Table: table, Name: from, NewName: to.text, At: at})
		}
		p.addColumn(c.sub([2]int{c.i, len(c.t)}), table)
	}
}

// alterColumn reads ALTER COLUMN name's change.
func (p *sqlParser) alterColumn(c *cursor, table, name string, at facts.Location) {
	var ch Change
	switch {
	case c.accept("TYPE"), c.accept("SET", "DATA", "TYPE"):
		typ, _ := p.columnType(c)
		ch.Type = &typ
	case c.accept("SET", "NOT", "NULL"):
		f := false
		ch.Nullable = &f
	case c.accept("DROP", "NOT", "NULL"), c.accept("SET", "NULL"):
		t := true
		ch.Nullable = &t
	case c.accept("SET", "DEFAULT"):
		d := c.text(c.i, len(c.t))
		ch.Default = &d
	case c.accept("DROP", "DEFAULT"):
		d := ""
		ch.Default = &d
	case c.accept("RENAME", "TO"): // H2
		if to := c.qualifiedName(); to != "" {
			p.emit(Op{Kind: RenameColumn, Table: table, Name: name, NewName: to, At: at})
		}
		return
	case c.peek().kind == tIdent && !c.peek().is("SET") && !c.peek().is("DROP") && !c.peek().is("ADD"):
		// SQL Server and H2: ALTER COLUMN name type [NOT NULL].
		typ, _ := p.columnType(c)
		ch.Type = &typ
		switch {
		case c.accept("NOT", "NULL"):
			f := false
			ch.Nullable = &f
		case c.accept("NULL"):
			t := true
			ch.Nullable = &t
		}
	default:
		return
	}
	p.emit(Op{Kind: AlterColumn, Table: table, Name: name, Change: ch, At: at})
}

// addColumn reads a column definition added to table: the column and
// its inline constraints become steps.
func (p *sqlParser) addColumn(c *cursor, table string) {
	if constraintStart(c) {
		def := facts.Table{Name: table}
		p.tableConstraint(c, &def)
		p.constraintOps(def, table, p.at(c.t[0]))
		return
	}
	def := facts.Table{Name: table}
	col, ok := p.column(c, &def)
	if !ok {
		return
	}
	if len(def.PrimaryKey) > 0 {
		col.Nullable = false
	}
	p.emit(Op{Kind: AddColumn, Table: table, Column: col, At: col.At})
	p.constraintOps(def, table, col.At)
}

// constraintOps turns the constraints collected in def into steps.
func (p *sqlParser) constraintOps(def facts.Table, table string, at facts.Location) {
	if len(def.PrimaryKey) > 0 {
		p.emit(Op{Kind: SetPrimaryKey, Table: table, Columns: def.PrimaryKey, At: at})
	}
	for _, ix := range def.Indexes {
		p.emit(Op{Kind: AddIndex, Table: table, Index: ix, At: ix.At})
	}
	for _, fk := range def.ForeignKeys {
		p.refColumns(&fk, def)
		p.emit(Op{Kind: AddForeignKey, Table: table, FK: fk, At: fk.At})
	}
}
