package php

import (
	"path"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// SchemaReaders read Laravel migrations: Schema::create/table with the
// Blueprint builder, Schema::drop/dropIfExists/rename. The skeleton's
// migrations (users, sessions, cache, jobs) are read too: vetfolio does not
// count them as the candidate's work, but their tables are in the schema.
//
// What Laravel adds that the code does not spell out, and the reader adds
// too: $table->id() is an unsigned bigint `id` primary key (increments()
// an integer one); string() is varchar(255) unless given a length;
// decimal() is decimal(8,2); timestamps() and softDeletes() are NULLABLE
// created_at/updated_at/deleted_at; morphs('x') is x_type and x_id with an
// index on both; foreignId('user_id')->constrained() references users(id)
// (the plural of the name before _id). Laravel adds no index for a foreign
// key by itself (MySQL's InnoDB creates one, PostgreSQL does not), so none
// is recorded unless the code declares it. Index names follow Laravel's
// <table>_<columns>_index/_unique.
var SchemaReaders = []schema.Reader{
	{Tool: "laravel", Path: scan.MustCompile(`(?i)^(?:[^./][^/]*/)*database/migrations/[^/]+\.php$`), Need: []string{"Schema::"}, Read: readLaravelMigration},
}

type laravelParser struct {
	path  string
	toks  []schema.Token
	m     []int
	lines schema.Lines
	ops   []schema.Op
	dest  []facts.Location
}

func readLaravelMigration(f scan.File) schema.Result {
	src := f.Source()
	lp := &laravelParser{path: f.Path, toks: schema.Lex(src, "php"), lines: schema.NewLines(src)}
	lp.m = schema.Match(lp.toks)
	up, down := lp.method("up"), lp.method("down")
	if up[0] < 0 {
		return schema.Result{}
	}
	lp.schemaCalls(up[0], up[1])
	rev := "no"
	if down[0] >= 0 && down[1] > down[0] {
		rev = "yes"
	}
	return schema.Result{Migrations: []schema.Migration{{
		At: facts.Location{Path: f.Path, Line: 1}, Key: path.Base(f.Path), Ops: lp.ops, Reversible: rev, Destructive: lp.dest,
	}}}
}

// method returns the body (token range inside the braces) of the
// migration's function name, or {-1, -1}.
func (lp *laravelParser) method(name string) [2]int {
	t := lp.toks
	for i := 0; i+2 < len(t); i++ {
		if !t[i].Is("function") || !t[i+1].Is(name) || !t[i+2].Is("(") {
			continue
		}
		for j := schema.Next(lp.m, i+2); j < len(t) && j < i+16; j++ {
			if t[j].Is("{") {
				return [2]int{j + 1, min(lp.m[j], len(t))}
			}
			if t[j].Is(";") {
				break
			}
		}
	}
	return [2]int{-1, -1}
}

func (lp *laravelParser) loc(i int) facts.Location {
	return facts.Location{Path: lp.path, Line: lp.lines.At(lp.toks[min(i, len(lp.toks)-1)].Off)}
}

// chainCall is one link of a method chain: name(args).
type chainCall struct {
	name string
	args []schema.Arg
	at   int // token index of the name
	end  int // token index after the call
}

// chain reads name(args)->name(args)… from token i up to end.
func (lp *laravelParser) chain(i, end int) []chainCall {
	var out []chainCall
	t := lp.toks
	for i < end && len(out) < 32 {
		if t[i].Kind != schema.Ident {
			break
		}
		c := chainCall{name: t[i].Text, at: i}
		i++
		if i < end && t[i].Is("(") {
			c.args = schema.Args(t, lp.m, i+1, min(lp.m[i], end))
			i = schema.Next(lp.m, i)
		}
		c.end = i
		out = append(out, c)
		if i < end && (t[i].Is("->") || t[i].Is("?->") || t[i].Is("::")) {
			i++
			continue
		}
		break
	}
	return out
}

// schemaCalls reads the Schema:: calls in tokens [from, to).
func (lp *laravelParser) schemaCalls(from, to int) {
	t := lp.toks
	for i := from; i+2 < to; i++ {
		if !t[i].Is("Schema") || !t[i+1].Is("::") {
			continue
		}
		calls := lp.chain(i+2, to)
		if len(calls) == 0 {
			continue
		}
		c := calls[len(calls)-1] // Schema::connection('x')->create(...)
		pos := schema.Positional(c.args)
		name := func(k int) string {
			if k < len(pos) {
				s, _ := pos[k].Name()
				return s
			}
			return ""
		}
		at := lp.loc(c.at)
		switch c.name {
		case "create", "table":
			table := name(0)
			if table == "" || len(pos) < 2 {
				continue
			}
			lp.blueprint(table, c.name == "create", pos[1], at)
		case "drop", "dropIfExists":
			lp.ops = append(lp.ops, schema.Op{Kind: schema.DropTable, Table: name(0), At: at})
			lp.dest = append(lp.dest, at)
		case "rename":
			lp.ops = append(lp.ops, schema.Op{Kind: schema.RenameTable, Table: name(0), NewName: name(1), At: at})
		case "dropColumns":
			if len(pos) >= 2 {
				for _, col := range pos[1].Names() {
					lp.ops = append(lp.ops, schema.Op{Kind: schema.DropColumn, Table: name(0), Name: col, At: at})
				}
				lp.dest = append(lp.dest, at)
			}
		}
		// Past the call: a Schema:: call inside its closure is not read
		// again (nor is a deep nest of them read once per level).
		i = max(i, c.end-1)
	}
}

// blueprint reads the closure of Schema::create/table: its $table->…
// statements.
func (lp *laravelParser) blueprint(table string, create bool, closure schema.Arg, at facts.Location) {
	t := lp.toks
	from := closure.From
	end := from + len(closure.Val)
	tvar, body := "", -1
	for i := from; i < end; i++ {
		if tvar == "" && t[i].Kind == schema.Ident && strings.HasPrefix(t[i].Text, "$") {
			tvar = t[i].Text
		}
		if t[i].Is("{") {
			body = i
			break
		}
	}
	if tvar == "" || body < 0 {
		return
	}
	def := &facts.Table{Name: table, Source: at}
	var ops []schema.Op
	bodyEnd := min(lp.m[body], len(t))
	for i := body + 1; i < bodyEnd; i = schema.Next(lp.m, i) {
		if !t[i].Is(tvar) || i+2 >= bodyEnd || !t[i+1].Is("->") {
			continue
		}
		calls := lp.chain(i+2, bodyEnd)
		if len(calls) > 0 {
			ops = append(ops, lp.statement(table, calls, create)...)
			i = calls[len(calls)-1].at
		}
	}
	if !create {
		lp.ops = append(lp.ops, ops...)
		return
	}
	for _, op := range ops {
		switch op.Kind {
		case schema.AddColumn:
			if old := def.Column(op.Column.Name); old != nil {
				*old = op.Column
			} else if len(def.Columns) < 500 {
				def.Columns = append(def.Columns, op.Column)
			}
		case schema.AddIndex:
			def.Indexes = append(def.Indexes, op.Index)
		case schema.AddForeignKey:
			def.ForeignKeys = append(def.ForeignKeys, op.FK)
		case schema.SetPrimaryKey:
			def.PrimaryKey = op.Columns
		}
	}
	lp.ops = append(lp.ops, schema.Op{Kind: schema.CreateTable, Table: table, Def: *def, At: at})
}

// statement reads one $table->… chain into steps.
func (lp *laravelParser) statement(table string, calls []chainCall, create bool) []schema.Op {
	first := calls[0]
	at := lp.loc(first.at)
	pos := schema.Positional(first.args)
	str := func(k int) string {
		if k < len(pos) {
			s, _ := pos[k].Name()
			return s
		}
		return ""
	}
	cols := func() []string {
		if len(pos) == 0 {
			return nil
		}
		return pos[0].Names()
	}
	var ops []schema.Op
	add := func(c facts.Column) {
		ops = append(ops, schema.Op{Kind: schema.AddColumn, Table: table, Column: c, At: at})
	}
	// ix is an index with Laravel's default name unless named.
	ix := func(kind string, cs []string, unique bool, named string) schema.Op {
		n := strings.ToLower(table + "_" + strings.Join(cs, "_") + "_" + kind)
		if named != "" {
			n = named
		}
		return schema.Op{Kind: schema.AddIndex, Table: table, Index: facts.Index{Name: n, Columns: cs, Unique: unique, At: at}, At: at}
	}
	switch first.name {
	case "index", "unique", "fullText", "spatialIndex":
		if cs := cols(); len(cs) > 0 {
			kind := "index"
			if first.name == "unique" {
				kind = "unique"
			}
			return []schema.Op{ix(kind, cs, first.name == "unique", str(1))}
		}
		return nil
	case "primary":
		return []schema.Op{{Kind: schema.SetPrimaryKey, Table: table, Columns: cols(), At: at}}
	case "foreign":
		fk := facts.ForeignKey{Columns: cols(), At: at}
		if s := str(1); s != "" {
			fk.Name = s
		}
		lp.fkModifiers(&fk, calls[1:])
		return []schema.Op{{Kind: schema.AddForeignKey, Table: table, FK: fk, At: at}}
	case "dropColumn", "dropColumns":
		for _, a := range pos {
			for _, c := range a.Names() {
				ops = append(ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: c, At: at})
			}
		}
		lp.dest = append(lp.dest, at)
		return ops
	case "renameColumn":
		return []schema.Op{{Kind: schema.RenameColumn, Table: table, Name: str(0), NewName: str(1), At: at}}
	case "dropForeign", "dropConstrainedForeignId":
		op := schema.Op{Kind: schema.DropForeignKey, Table: table, At: at}
		if len(pos) > 0 && pos[0].Val[0].Is("[") {
			op.FK.Columns = pos[0].Names()
		} else if first.name == "dropConstrainedForeignId" {
			op.FK.Columns = []string{str(0)}
		} else {
			op.Name = str(0)
		}
		ops = append(ops, op)
		if first.name == "dropConstrainedForeignId" {
			ops = append(ops, schema.Op{Kind: schema.DropColumn, Table: table, Name: str(0), At: at})
			lp.dest = append(lp.dest, at)
		}
		return ops
	case "dropIndex", "dropUnique", "dropFullText":
		op := schema.Op{Kind: schema.DropIndex, Table: table, At: at}
		if len(pos) > 0 && pos[0].Val[0].Is("[") {
			op.Index.Columns = pos[0].Names()
		} else {
			op.Name = str(0)
		}
		return []schema.Op{op}
	case "dropPrimary":
		return []schema.Op{{Kind: schema.DropPrimaryKey, Table: table, At: at}}
	case "dropTimestamps", "dropTimestampsTz":
		lp.dest = append(lp.dest, at)
		return []schema.Op{{Kind: schema.DropColumn, Table: table, Name: "created_at", At: at}, {Kind: schema.DropColumn, Table: table, Name: "updated_at", At: at}}
	case "dropSoftDeletes", "dropSoftDeletesTz", "dropRememberToken", "dropMorphs":
		lp.dest = append(lp.dest, at)
		switch first.name {
		case "dropMorphs":
			return []schema.Op{{Kind: schema.DropColumn, Table: table, Name: str(0) + "_type", At: at}, {Kind: schema.DropColumn, Table: table, Name: str(0) + "_id", At: at}}
		case "dropRememberToken":
			return []schema.Op{{Kind: schema.DropColumn, Table: table, Name: "remember_token", At: at}}
		}
		return []schema.Op{{Kind: schema.DropColumn, Table: table, Name: "deleted_at", At: at}}
	case "timestamps", "nullableTimestamps", "timestampsTz":
		typ := "timestamp"
		if first.name == "timestampsTz" {
			typ = "timestamptz"
		}
		add(facts.Column{Name: "created_at", Type: typ, Nullable: true, At: at})
		add(facts.Column{Name: "updated_at", Type: typ, Nullable: true, At: at})
		return ops
	case "softDeletes", "softDeletesTz":
		n := "deleted_at"
		if s := str(0); s != "" {
			n = s
		}
		typ := "timestamp"
		if first.name == "softDeletesTz" {
			typ = "timestamptz"
		}
		add(facts.Column{Name: n, Type: typ, Nullable: true, At: at})
		return ops
	case "rememberToken":
		add(facts.Column{Name: "remember_token", Type: "varchar(100)", Nullable: true, At: at})
		return ops
	case "morphs", "nullableMorphs", "uuidMorphs", "nullableUuidMorphs", "ulidMorphs", "nullableUlidMorphs":
		n := str(0)
		idType := "bigint"
		if strings.Contains(first.name, "uuid") || strings.Contains(first.name, "Uuid") {
			idType = "uuid"
		} else if strings.Contains(first.name, "ulid") || strings.Contains(first.name, "Ulid") {
			idType = "char(26)"
		}
		null := strings.HasPrefix(first.name, "nullable")
		add(facts.Column{Name: n + "_type", Type: "varchar(255)", Nullable: null, At: at})
		add(facts.Column{Name: n + "_id", Type: idType, Nullable: null, At: at})
		ops = append(ops, ix("index", []string{n + "_type", n + "_id"}, false, str(1)))
		return ops
	}
	typ, pk := laravelType(first.name, pos)
	if typ == "" {
		return nil
	}
	colName := str(0)
	if colName == "" {
		switch {
		case pk:
			colName = "id"
		case first.name == "foreignIdFor" && len(pos) > 0:
			colName = snake(modelClass(pos[0])) + "_id"
		default:
			return nil
		}
	}
	col := facts.Column{Name: colName, Type: typ, At: at}
	var change bool
	var fk *facts.ForeignKey
	for k, c := range calls[1:] {
		cpos := schema.Positional(c.args)
		carg := func(n int) string {
			if n < len(cpos) {
				s, _ := cpos[n].Name()
				return s
			}
			return ""
		}
		switch c.name {
		case "nullable":
			col.Nullable = len(cpos) == 0 || cpos[0].Text() != "false"
		case "default":
			if len(cpos) > 0 {
				col.Default = literal(cpos[0])
			}
		case "useCurrent":
			col.Default = "CURRENT_TIMESTAMP"
		case "unique":
			ops = append(ops, ix("unique", []string{colName}, true, carg(0)))
		case "index":
			ops = append(ops, ix("index", []string{colName}, false, carg(0)))
		case "primary":
			pk = true
		case "change":
			change = true
		case "constrained":
			ref := carg(0)
			if ref == "" {
				ref = laravelPlural(strings.TrimSuffix(colName, "_id"))
			}
			refCol := "id"
			if s := carg(1); s != "" {
				refCol = s
			}
			fk = &facts.ForeignKey{Columns: []string{colName}, References: ref, RefColumns: []string{refCol}, At: at}
			lp.fkModifiers(fk, calls[2+k:])
		case "references":
			// foreignId('x')->references('id')->on('t') without constrained
			if fk == nil {
				fk = &facts.ForeignKey{Columns: []string{colName}, At: at}
				lp.fkModifiers(fk, calls[1+k:])
			}
		}
	}
	if change {
		ch := schema.Change{Type: &col.Type, Nullable: &col.Nullable}
		if col.Default != "" {
			ch.Default = &col.Default
		}
		ops = append([]schema.Op{{Kind: schema.AlterColumn, Table: table, Name: colName, Change: ch, At: at}}, ops...)
	} else {
		ops = append([]schema.Op{{Kind: schema.AddColumn, Table: table, Column: col, At: at}}, ops...)
	}
	if pk {
		ops = append(ops, schema.Op{Kind: schema.SetPrimaryKey, Table: table, Columns: []string{colName}, At: at})
	}
	if fk != nil {
		ops = append(ops, schema.Op{Kind: schema.AddForeignKey, Table: table, FK: *fk, At: at})
	}
	return ops
}

// fkModifiers reads ->references('id')->on('t')->onDelete('cascade') and
// ->cascadeOnDelete()/nullOnDelete()/restrictOnDelete().
func (lp *laravelParser) fkModifiers(fk *facts.ForeignKey, calls []chainCall) {
	for _, c := range calls {
		pos := schema.Positional(c.args)
		var arg0 schema.Arg
		if len(pos) > 0 {
			arg0 = pos[0]
		}
		switch c.name {
		case "references":
			fk.RefColumns = arg0.Names()
		case "on":
			fk.References, _ = arg0.Name()
		case "onDelete":
			s, _ := arg0.Name()
			fk.OnDelete = strings.ToLower(s)
		case "cascadeOnDelete":
			fk.OnDelete = "cascade"
		case "nullOnDelete":
			fk.OnDelete = "set null"
		case "restrictOnDelete":
			fk.OnDelete = "restrict"
		case "noActionOnDelete":
			fk.OnDelete = "no action"
		}
	}
}

// laravelType maps a Blueprint column method to the vocabulary; pk is set
// for the auto-increment primary keys (id, increments).
func laravelType(method string, pos []schema.Arg) (typ string, pk bool) {
	num := func(k int, def string) string {
		if k < len(pos) && len(pos[k].Val) == 1 && pos[k].Val[0].Kind == schema.Number {
			return pos[k].Val[0].Text
		}
		return def
	}
	switch method {
	case "id", "bigIncrements":
		return "bigint", true
	case "increments", "integerIncrements", "mediumIncrements":
		return "integer", true
	case "smallIncrements", "tinyIncrements":
		return "smallint", true
	case "string":
		return "varchar(" + num(1, "255") + ")", false
	case "char":
		return "char(" + num(1, "255") + ")", false
	case "text", "mediumText", "longText", "tinyText":
		return "text", false
	case "integer", "unsignedInteger", "mediumInteger", "unsignedMediumInteger", "year":
		return "integer", false
	case "tinyInteger", "unsignedTinyInteger", "smallInteger", "unsignedSmallInteger":
		return "smallint", false
	case "bigInteger", "unsignedBigInteger", "foreignId", "foreignIdFor":
		return "bigint", false
	case "float":
		return "float", false
	case "double":
		return "double", false
	case "decimal", "unsignedDecimal":
		return "decimal(" + num(1, "8") + "," + num(2, "2") + ")", false
	case "boolean":
		return "boolean", false
	case "date":
		return "date", false
	case "dateTime", "timestamp":
		return "timestamp", false
	case "dateTimeTz", "timestampTz":
		return "timestamptz", false
	case "time", "timeTz":
		return "time", false
	case "json":
		return "json", false
	case "jsonb":
		return "jsonb", false
	case "uuid", "foreignUuid":
		return "uuid", false
	case "ulid", "foreignUlid":
		return "char(26)", false
	case "enum", "set":
		return "enum", false
	case "binary":
		return "blob", false
	case "ipAddress":
		return "varchar(45)", false
	case "macAddress":
		return "varchar(17)", false
	case "geometry", "point", "polygon", "geography", "vector":
		return strings.ToLower(method), false
	}
	return "", false
}

// literal is a default as written: a string's content, else the token.
func literal(a schema.Arg) string {
	if len(a.Val) == 1 && a.Val[0].Kind == schema.String {
		return a.Val[0].Text
	}
	return a.Text()
}

// modelClass is the class of foreignIdFor(User::class) or
// foreignIdFor(App\Models\User::class).
func modelClass(a schema.Arg) string {
	name := ""
	for _, t := range a.Val {
		if t.Kind == schema.Ident && t.Text != "class" {
			name = t.Text
		}
	}
	return name
}

// snake is Laravel's Str::snake for a class name (BlogPost → blog_post).
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// laravelPlural is Str::plural for the common cases (category →
// categories, address → addresses).
func laravelPlural(s string) string {
	switch {
	case s == "person":
		return "people"
	case strings.HasSuffix(s, "y") && len(s) > 1 && !strings.ContainsRune("aeiou", rune(s[len(s)-2])):
		return s[:len(s)-1] + "ies"
	case strings.HasSuffix(s, "s"), strings.HasSuffix(s, "x"), strings.HasSuffix(s, "ch"), strings.HasSuffix(s, "sh"):
		return s + "es"
	}
	return s + "s"
}
