package dotnet

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// SchemaReaders read EF Core migrations (Migrations/<timestamp>_<Name>.cs,
// not the .Designer.cs) and, when there are none, the
// <Context>ModelSnapshot.cs as the committed snapshot.
//
// EF writes out everything it adds (the Id key, identity annotations, the
// index it creates for each foreign key), so the reader adds nothing
// implicit. Column types are the type: string mapped to the vocabulary
// (SQL Server's float is 8 bytes: double; nvarchar(max): text), else the
// CLR type's default mapping (string: text, decimal: decimal(18,2)).
var SchemaReaders = []schema.Reader{
	{Tool: MigrationTool, Path: scan.MustCompile(`(?:^|/)Migrations/(?:[\w.]+/)*\d{14}_\w+\.cs$`), Need: []string{"MigrationBuilder"}, Read: readEFMigration},
	{Tool: MigrationTool, Path: scan.MustCompile(`(?:^|/)\w*ModelSnapshot\.cs$`), Need: []string{"modelBuilder"}, Read: readEFSnapshot},
}

type efParser struct {
	path  string
	toks  []schema.Token
	m     []int
	lines schema.Lines
}

func newEFParser(f scan.File) *efParser {
	src := f.Source()
	p := &efParser{path: f.Path, toks: schema.Lex(src, "csharp"), lines: schema.NewLines(src)}
	p.m = schema.Match(p.toks)
	return p
}

func (p *efParser) loc(i int) facts.Location {
	return facts.Location{Path: p.path, Line: p.lines.At(p.toks[min(i, len(p.toks)-1)].Off)}
}

func readEFMigration(f scan.File) schema.Result {
	if strings.HasSuffix(f.Path, ".Designer.cs") {
		return schema.Result{}
	}
	p := newEFParser(f)
	up, upVar := p.method("Up")
	if up[0] < 0 {
		return schema.Result{}
	}
	ops, dest := p.steps(up, upVar)
	down, _ := p.method("Down")
	rev := "no"
	if down[0] >= 0 && down[1] > down[0] {
		rev = "yes"
	}
	return schema.Result{Migrations: []schema.Migration{{
		At: facts.Location{Path: f.Path, Line: 1}, Key: path.Base(f.Path), Ops: ops, Reversible: rev, Destructive: dest,
	}}}
}

// method returns the body of `void name(MigrationBuilder x)` and x.
func (p *efParser) method(name string) ([2]int, string) {
	t := p.toks
	for i := 0; i+3 < len(t); i++ {
		if !t[i].Is("void") || !t[i+1].Is(name) || !t[i+2].Is("(") {
			continue
		}
		close := min(p.m[i+2], len(t))
		param := ""
		if close-1 > i+2 && t[close-1].Kind == schema.Ident {
			param = t[close-1].Text
		}
		if close+1 < len(t) && t[close+1].Is("{") {
			return [2]int{close + 2, min(p.m[close+1], len(t))}, param
		}
	}
	return [2]int{-1, -1}, ""
}

// builderCall is recv.Name<T>(args) at token index at.
type builderCall struct {
	name, generic string
	args          []schema.Arg
	at            int
	next          int // token after the call
}

// callAt reads recv.Name<T>(args) starting at the receiver i.
func (p *efParser) callAt(i, end int) (builderCall, bool) {
	t := p.toks
	if i+3 >= end || !t[i+1].Is(".") || t[i+2].Kind != schema.Ident {
		return builderCall{}, false
	}
	c := builderCall{name: t[i+2].Text, at: i}
	j := i + 3
	if j < end && t[j].Is("<") { // generic argument: up to '>' within a few tokens
		k := j + 1
		for k < end && k < j+8 && !t[k].Is(">") {
			c.generic += t[k].Text
			k++
		}
		j = k + 1
	}
	if j >= end || !t[j].Is("(") {
		return builderCall{}, false
	}
	c.args = schema.Args(t, p.m, j+1, min(p.m[j], end))
	c.next = schema.Next(p.m, j)
	return c, true
}

func str(args []schema.Arg, key string, pos int) string {
	if a := schema.Named(args, key); a != nil {
		s, _ := a.Name()
		return s
	}
	ps := schema.Positional(args)
	if pos >= 0 && pos < len(ps) {
		if s, ok := ps[pos].Name(); ok && ps[pos].Val[0].Kind == schema.String {
			return s
		}
	}
	return ""
}

func boolArg(args []schema.Arg, key string) (bool, bool) {
	a := schema.Named(args, key)
	if a == nil {
		return false, false
	}
	return a.Text() == "true", true
}

// steps reads the migrationBuilder.X(...) calls of Up.
func (p *efParser) steps(body [2]int, mb string) ([]schema.Op, []facts.Location) {
	var ops []schema.Op
	var dest []facts.Location
	t := p.toks
	for i := body[0]; i < body[1]; i++ {
		if !t[i].Is(mb) {
			continue
		}
		c, ok := p.callAt(i, body[1])
		if !ok {
			continue
		}
		at := p.loc(c.at)
		a := c.args
		table := str(a, "table", 1)
		switch c.name {
		case "CreateTable":
			ops = append(ops, p.createTable(a, at))
		case "DropTable":
			ops = append(ops, schema.Op{Kind: schema.DropTable, Table: str(a, "name", 0), At: at})
			dest = append(dest, at)
		case "RenameTable":
			ops = append(ops, schema.Op{Kind: schema.RenameTable, Table: str(a, "name", 0), NewName: str(a, "newName", -1), At: at})
		case "AddColumn":
			col := p.column(str(a, "name", 0), c.generic, a, at)
			ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: col, At: at})
		case "DropColumn":
			ops = append(ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: str(a, "name", 0), At: at})
			dest = append(dest, at)
		case "RenameColumn":
			ops = append(ops, schema.Op{Kind: schema.RenameColumn, Table: table, Name: str(a, "name", 0), NewName: str(a, "newName", 2), At: at})
		case "AlterColumn":
			col := p.column(str(a, "name", 0), c.generic, a, at)
			ch := schema.Change{Type: &col.Type, Nullable: &col.Nullable}
			if col.Default != "" {
				ch.Default = &col.Default
			}
			ops = append(ops, schema.Op{Kind: schema.AlterColumn, Table: table, Name: col.Name, Change: ch, At: at})
		case "CreateIndex":
			ix := facts.Index{Name: str(a, "name", 0), Columns: columnsArg(a, 2), At: at}
			ix.Unique, _ = boolArg(a, "unique")
			ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
		case "AddUniqueConstraint":
			ix := facts.Index{Name: str(a, "name", 0), Columns: columnsArg(a, 2), Unique: true, At: at}
			ops = append(ops, schema.Op{Kind: schema.AddIndex, Table: table, Index: ix, At: at})
		case "DropIndex", "DropUniqueConstraint":
			ops = append(ops, schema.Op{Kind: schema.DropIndex, Table: table, Name: str(a, "name", 0), At: at})
		case "AddForeignKey":
			fk := facts.ForeignKey{Name: str(a, "name", 0), Columns: columnsArg(a, 2), References: str(a, "principalTable", 3),
				RefColumns: principalColumns(a), OnDelete: referentialAction(a), At: at}
			ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at})
		case "DropForeignKey":
			ops = append(ops, schema.Op{Kind: schema.DropForeignKey, Table: table, Name: str(a, "name", 0), At: at})
		case "AddPrimaryKey":
			ops = append(ops, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: columnsArg(a, 2), At: at})
		case "DropPrimaryKey":
			ops = append(ops, schema.Op{Kind: schema.DropPrimaryKey, Table: table, At: at})
		}
		i = c.next - 1
	}
	return ops, dest
}

// columnsArg reads column: "A" or columns: new[] { "A", "B" } (or the
// positional argument at pos).
func columnsArg(a []schema.Arg, pos int) []string {
	for _, k := range []string{"column", "columns"} {
		if v := schema.Named(a, k); v != nil {
			return v.Names()
		}
	}
	ps := schema.Positional(a)
	if pos < len(ps) {
		return ps[pos].Names()
	}
	return nil
}

func principalColumns(a []schema.Arg) []string {
	for _, k := range []string{"principalColumn", "principalColumns"} {
		if v := schema.Named(a, k); v != nil {
			return v.Names()
		}
	}
	return []string{"Id"}
}

// referentialAction maps onDelete: ReferentialAction.X.
func referentialAction(a []schema.Arg) string {
	v := schema.Named(a, "onDelete")
	if v == nil || len(v.Val) == 0 {
		return ""
	}
	return deleteAction(v.Val[len(v.Val)-1].Text)
}

func deleteAction(s string) string {
	switch s {
	case "Cascade", "ClientCascade":
		return "cascade"
	case "SetNull":
		return "set null"
	case "Restrict":
		return "restrict"
	case "NoAction", "ClientSetNull", "ClientNoAction":
		return "no action"
	case "SetDefault":
		return "set default"
	}
	return ""
}

// createTable reads CreateTable(name:, columns: table => new { … },
// constraints: table => { … }).
func (p *efParser) createTable(a []schema.Arg, at facts.Location) schema.Op {
	def := facts.Table{Name: str(a, "name", 0), Source: at}
	t := p.toks
	if cols := schema.Named(a, "columns"); cols != nil {
		for i := cols.From; i < cols.From+len(cols.Val); i++ {
			if !t[i].Is("{") {
				continue
			}
			for _, prop := range schema.Args(t, p.m, i+1, min(p.m[i], len(t))) {
				if prop.Key == "" || len(prop.Val) < 3 {
					continue
				}
				c, ok := p.callAt(prop.From, prop.From+len(prop.Val))
				if !ok || c.name != "Column" {
					continue
				}
				name := prop.Key
				if n := str(c.args, "name", -1); n != "" {
					name = n
				}
				if len(def.Columns) < 500 {
					def.Columns = append(def.Columns, p.column(name, c.generic, c.args, p.loc(prop.From)))
				}
			}
			break
		}
	}
	if cons := schema.Named(a, "constraints"); cons != nil {
		end := cons.From + len(cons.Val)
		tv := ""
		if len(cons.Val) > 0 && cons.Val[0].Kind == schema.Ident {
			tv = cons.Val[0].Text
		}
		for i := cons.From; i < end; i++ {
			if tv == "" || !t[i].Is(tv) {
				continue
			}
			c, ok := p.callAt(i, end)
			if !ok {
				continue
			}
			cat := p.loc(c.at)
			switch c.name {
			case "PrimaryKey":
				if ps := schema.Positional(c.args); len(ps) >= 2 {
					def.PrimaryKey = lambdaColumns(ps[1].Val)
				} else if v := schema.Named(c.args, "columns"); v != nil {
					def.PrimaryKey = lambdaColumns(v.Val)
				}
			case "ForeignKey":
				fk := facts.ForeignKey{Name: str(c.args, "name", 0), References: str(c.args, "principalTable", 2),
					RefColumns: principalColumns(c.args), OnDelete: referentialAction(c.args), At: cat}
				for _, k := range []string{"column", "columns"} {
					if v := schema.Named(c.args, k); v != nil {
						fk.Columns = lambdaColumns(v.Val)
					}
				}
				def.ForeignKeys = append(def.ForeignKeys, fk)
			case "UniqueConstraint":
				if ps := schema.Positional(c.args); len(ps) >= 2 {
					def.Indexes = append(def.Indexes, facts.Index{Name: str(c.args, "name", 0), Columns: lambdaColumns(ps[1].Val), Unique: true, At: cat})
				}
			}
			i = c.next - 1
		}
	}
	return schema.Op{Kind: schema.CreateTable, Table: def.Name, Def: def, At: at}
}

// lambdaColumns reads x => x.Id or x => new { x.A, x.B } (or strings).
func lambdaColumns(val []schema.Token) []string {
	var out []string
	for i, tk := range val {
		switch {
		case tk.Kind == schema.String:
			out = append(out, tk.Text)
		case tk.Kind == schema.Ident && i > 0 && val[i-1].Is("."):
			out = append(out, tk.Text)
		}
	}
	return out
}

// column builds a column from table.Column<T>(type:, nullable:, maxLength:,
// defaultValue:) or AddColumn<T>(…).
func (p *efParser) column(name, clr string, a []schema.Arg, at facts.Location) facts.Column {
	c := facts.Column{Name: name, At: at}
	c.Nullable, _ = boolArg(a, "nullable")
	maxLen := ""
	if v := schema.Named(a, "maxLength"); v != nil && len(v.Val) == 1 && v.Val[0].Kind == schema.Number {
		maxLen = v.Val[0].Text
	}
	c.Type = efType(str(a, "type", -1), clr, maxLen)
	for _, k := range []string{"defaultValue", "defaultValueSql"} {
		if v := schema.Named(a, k); v != nil {
			if s, ok := v.Name(); ok && v.Val[0].Kind == schema.String {
				c.Default = s
			} else {
				c.Default = v.Text()
			}
		}
	}
	return c
}

var sizedType = scan.MustCompile(`^(n?varchar|character varying|varchar2|n?char|character|decimal|numeric)\s*\((\s*\w+\s*(?:,\s*\d+\s*)?)\)$`)

// efType maps a provider type string (or, without one, the CLR type) to
// the vocabulary.
func efType(sqlType, clr, maxLen string) string {
	s := strings.ToLower(strings.TrimSpace(sqlType))
	if s == "" {
		return clrType(clr, maxLen)
	}
	if m := sizedType.FindStringSubmatch(s); m != nil {
		size := strings.ReplaceAll(m[2], " ", "")
		switch m[1] {
		case "nvarchar", "varchar", "character varying", "varchar2":
			if size == "max" {
				return "text"
			}
			return "varchar(" + size + ")"
		case "nchar", "char", "character":
			return "char(" + size + ")"
		default:
			return m[1] + "(" + size + ")"
		}
	}
	switch s {
	case "int", "integer", "int4":
		return "integer"
	case "bigint", "int8":
		return "bigint"
	case "smallint", "int2", "tinyint":
		return "smallint"
	case "text", "ntext", "clob", "character varying", "varchar", "nvarchar":
		if s == "varchar" || s == "nvarchar" || s == "character varying" {
			return "varchar"
		}
		return "text"
	case "bit", "boolean", "bool":
		return "boolean"
	case "float", "double precision", "float8", "double":
		return "double"
	case "real", "float4":
		return "real"
	case "timestamp with time zone", "timestamptz", "datetimeoffset":
		return "timestamptz"
	case "timestamp without time zone", "timestamp", "datetime", "datetime2", "smalldatetime":
		return "timestamp"
	case "uniqueidentifier", "uuid", "char(36)":
		return "uuid"
	case "varbinary(max)", "varbinary", "image", "blob", "longblob":
		return "blob"
	case "decimal", "numeric", "money", "date", "time", "interval", "bytea", "json", "jsonb":
		return s
	case "time without time zone":
		return "time"
	}
	if strings.HasPrefix(s, "datetime2(") || strings.HasPrefix(s, "timestamp(") {
		return "timestamp"
	}
	if strings.HasPrefix(s, "timestamp with time zone") || strings.HasPrefix(s, "datetimeoffset(") {
		return "timestamptz"
	}
	return s
}

// clrType is EF Core's default column type for a CLR type.
func clrType(clr, maxLen string) string {
	switch strings.TrimSuffix(clr, "?") {
	case "int":
		return "integer"
	case "long":
		return "bigint"
	case "short", "byte":
		return "smallint"
	case "string":
		if maxLen != "" {
			return "varchar(" + maxLen + ")"
		}
		return "text"
	case "decimal":
		return "decimal(18,2)"
	case "double":
		return "double"
	case "float":
		return "real"
	case "bool":
		return "boolean"
	case "DateTime":
		return "timestamp"
	case "DateTimeOffset":
		return "timestamptz"
	case "DateOnly":
		return "date"
	case "TimeOnly", "TimeSpan":
		return "time"
	case "Guid":
		return "uuid"
	case "byte[]":
		return "blob"
	}
	return strings.ToLower(clr)
}

// efEntity is one modelBuilder.Entity("Ns.Type", b => …) of a snapshot;
// an entity may be declared in several blocks (its relationships come
// last).
type efEntity struct {
	table  facts.Table
	named  bool // ToTable seen
	isBase bool // HasBaseType: shares its base's table
	rels   []efRelation
	// owned are the columns of each owned navigation (OwnsOne), nullable
	// unless Navigation(nav).IsRequired(): an optional owned type's
	// columns are all nullable.
	owned    map[string][]string
	required map[string]bool
}

// efRelation is a foreign key from entity from to entity to.
type efRelation struct {
	from, to string
	cols     []string
	onDelete string
	at       facts.Location
}

// chain reads .Name<T>(args).Name(args)… starting at the token after recv.
func (p *efParser) chain(recv, end int) []builderCall {
	var out []builderCall
	for i := recv; i < end && len(out) < 16; {
		c, ok := p.callAt(i, end)
		if !ok {
			break
		}
		out = append(out, c)
		i = c.next - 1 // callAt wants the receiver: the token before '.'
	}
	return out
}

func readEFSnapshot(f scan.File) schema.Result {
	p := newEFParser(f)
	t := p.toks
	entities := map[string]*efEntity{}
	var order []string
	for i := 0; i+1 < len(t); i++ {
		if !t[i].Is("modelBuilder") && !t[i].Is("b") && !t[i].Is("builder") {
			continue
		}
		c, ok := p.callAt(i, len(t))
		if !ok || c.name != "Entity" {
			continue
		}
		ps := schema.Positional(c.args)
		if len(ps) < 2 || len(ps[0].Val) != 1 || ps[0].Val[0].Kind != schema.String {
			continue
		}
		name := ps[0].Val[0].Text
		e := entities[name]
		if e == nil {
			if len(order) >= 1000 {
				continue
			}
			short := name[strings.LastIndexByte(name, '.')+1:]
			e = &efEntity{table: facts.Table{Name: short, Source: p.loc(c.at)}}
			entities[name] = e
			order = append(order, name)
		}
		lam := ps[1]
		bv := ""
		if len(lam.Val) > 0 && lam.Val[0].Kind == schema.Ident {
			bv = lam.Val[0].Text
		}
		end := lam.From + len(lam.Val)
		for j := lam.From + 1; j < end; j++ {
			if !t[j].Is(bv) || j+1 >= end || !t[j+1].Is(".") {
				continue
			}
			calls := p.chain(j, end)
			if len(calls) == 0 {
				continue
			}
			p.entityStatement(name, e, calls)
			j = calls[len(calls)-1].next - 1
		}
		i = c.next - 1
	}
	var tables []facts.Table
	byName := map[string]*facts.Table{}
	for _, n := range order {
		e := entities[n]
		if e.isBase && !e.named {
			continue
		}
		for nav, cols := range e.owned {
			if e.required[nav] {
				continue
			}
			for _, cn := range cols {
				if c := e.table.Column(cn); c != nil {
					c.Nullable = true
				}
			}
		}
		// Key columns are required whatever their CLR type.
		for _, k := range e.table.PrimaryKey {
			if c := e.table.Column(k); c != nil {
				c.Nullable = false
			}
		}
		byName[n] = &e.table
	}
	for _, n := range order {
		for _, r := range entities[n].rels {
			from, to := byName[r.from], byName[r.to]
			if from == nil || to == nil {
				continue
			}
			ref := to.PrimaryKey
			if len(ref) == 0 {
				ref = []string{"Id"}
			}
			from.ForeignKeys = append(from.ForeignKeys, facts.ForeignKey{Columns: r.cols, References: to.Name, RefColumns: ref, OnDelete: r.onDelete, At: r.at})
		}
	}
	for _, n := range order {
		if tb := byName[n]; tb != nil {
			tables = append(tables, *tb)
		}
	}
	return schema.Result{Snapshot: tables}
}

// entityStatement reads one b.X(…).Y(…) chain of an entity block.
func (p *efParser) entityStatement(name string, e *efEntity, calls []builderCall) {
	first := calls[0]
	at := p.loc(first.at)
	ps := schema.Positional(first.args)
	strs := func(args []schema.Arg) []string {
		var out []string
		for _, a := range schema.Positional(args) {
			out = append(out, a.Names()...)
		}
		return out
	}
	arg0 := ""
	if len(ps) > 0 {
		arg0, _ = ps[0].Name()
	}
	switch first.name {
	case "Property":
		if arg0 == "" {
			return
		}
		c := facts.Column{Name: arg0, At: at}
		clr := first.generic
		c.Nullable = strings.HasSuffix(clr, "?") || clr == "string" || clr == "byte[]"
		sqlType, maxLen := "", ""
		for _, m := range calls[1:] {
			mp := schema.Positional(m.args)
			v := ""
			if len(mp) > 0 {
				if s, ok := mp[0].Name(); ok {
					v = s
				} else {
					v = mp[0].Text()
				}
			}
			switch m.name {
			case "IsRequired":
				c.Nullable = len(mp) > 0 && v == "false"
			case "HasColumnType":
				sqlType = v
			case "HasMaxLength":
				maxLen = v
			case "HasColumnName":
				c.Name = v
			case "HasDefaultValue", "HasDefaultValueSql":
				c.Default = v
			}
		}
		c.Type = efType(sqlType, clr, maxLen)
		if old := e.table.Column(c.Name); old != nil {
			*old = c
		} else if len(e.table.Columns) < 500 {
			e.table.Columns = append(e.table.Columns, c)
		}
	case "HasKey":
		e.table.PrimaryKey = strs(first.args)
	case "HasIndex":
		ix := facts.Index{Columns: strs(first.args), At: at}
		for _, m := range calls[1:] {
			switch m.name {
			case "IsUnique":
				ix.Unique = len(m.args) == 0 || m.args[0].Text() != "false"
			case "HasDatabaseName", "HasName":
				if mp := schema.Positional(m.args); len(mp) > 0 {
					ix.Name, _ = mp[0].Name()
				}
			}
		}
		e.table.Indexes = append(e.table.Indexes, ix)
	case "ToTable":
		if arg0 != "" {
			e.table.Name, e.named = arg0, true
		}
	case "HasBaseType":
		e.isBase = true
	case "OwnsOne":
		// An owned type's properties are columns <Nav>_<Prop> of the
		// owner's table (unless it maps to a table of its own).
		if len(ps) < 3 || len(ps[2].Val) == 0 || ps[2].Val[0].Kind != schema.Ident {
			return
		}
		nav, _ := ps[1].Name()
		owned := &efEntity{}
		bv, end := ps[2].Val[0].Text, ps[2].From+len(ps[2].Val)
		for j := ps[2].From + 1; j < end; j++ {
			if !p.toks[j].Is(bv) || j+1 >= end || !p.toks[j+1].Is(".") {
				continue
			}
			calls := p.chain(j, end)
			if len(calls) == 0 {
				continue
			}
			if calls[0].name == "Property" || calls[0].name == "HasKey" {
				p.entityStatement("", owned, calls)
			} else if calls[0].name == "ToTable" {
				if tps := schema.Positional(calls[0].args); len(tps) > 0 {
					if tn, _ := tps[0].Name(); tn != "" && tn != e.table.Name {
						return
					}
				}
			}
			j = calls[len(calls)-1].next - 1
		}
		for _, c := range owned.table.Columns {
			if slicesContain(owned.table.PrimaryKey, c.Name) { // the owner's key, shared
				continue
			}
			c.Name = nav + "_" + c.Name
			if e.table.Column(c.Name) == nil && len(e.table.Columns) < 500 {
				e.table.Columns = append(e.table.Columns, c)
				if e.owned == nil {
					e.owned = map[string][]string{}
				}
				e.owned[nav] = append(e.owned[nav], c.Name)
			}
		}
	case "Navigation":
		for _, m := range calls[1:] {
			if m.name == "IsRequired" && arg0 != "" {
				if e.required == nil {
					e.required = map[string]bool{}
				}
				e.required[arg0] = true
			}
		}
	case "HasOne", "HasMany":
		target := arg0
		if target == "" {
			return
		}
		var with string
		var fkCols []string
		dependent := ""
		onDelete := ""
		for _, m := range calls[1:] {
			mp := schema.Positional(m.args)
			switch m.name {
			case "WithMany", "WithOne":
				with = m.name
			case "HasForeignKey":
				names := strs(m.args)
				if with == "WithOne" && len(names) >= 2 {
					dependent, fkCols = names[0], names[1:]
				} else {
					fkCols = names
				}
			case "OnDelete":
				if len(mp) > 0 && len(mp[0].Val) > 0 {
					onDelete = deleteAction(mp[0].Val[len(mp[0].Val)-1].Text)
				}
			}
		}
		if len(fkCols) == 0 {
			return
		}
		r := efRelation{from: name, to: target, cols: fkCols, onDelete: onDelete, at: at}
		switch {
		case first.name == "HasMany", dependent != "" && dependent == target:
			r.from, r.to = target, name
		}
		e.rels = append(e.rels, r)
	}
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
