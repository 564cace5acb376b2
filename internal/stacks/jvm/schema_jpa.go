package jvm

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// JPAReader reads JPA entities (Java and Kotlin) as models: the tables
// Hibernate would create for them.
//
// What Hibernate (under Spring Boot's naming strategy) adds that the code
// does not spell out, and the reader adds too: table and column names are
// the snake_case of the class and field names unless @Table/@Column name
// them; a @ManyToOne/@OneToOne is a <field>_id column (or @JoinColumn's
// name) with a foreign key and NO index; a @OneToOne's column is unique;
// primitives (Java int, Kotlin non-null Int) and @Id, @NotNull, @NotBlank
// columns are NOT NULL, everything else nullable unless nullable = false or
// optional = false; String is varchar(255) (length =, or @Size(max =)
// which Hibernate Validator applies to the DDL), BigDecimal
// numeric(38,2) (precision =, scale =), an enum smallint unless
// @Enumerated(EnumType.STRING) (varchar(255)); a @ManyToMany with
// @JoinTable is a join table with a foreign key to each side, keyed by
// both columns when the field is a Set (without @JoinTable named
// <owner table>_<field>, as Spring's implicit naming strategy does). An entity in another file is
// referred to by the snake_case of its class name: the reader sees one
// file at a time, so a @Table(name) there is not known here.
var JPAReader = schema.Reader{
	Tool: "jpa",
	Path: scan.MustCompile(`\.(?:java|kt)$`),
	Need: []string{"@Entity"},
	Read: readJPA,
}

func init() {
	// Appended rather than written into the pack literal, so that the
	// Flyway reader (s15-sql) lands beside it without a conflict.
	Pack.Database.Schema = append(Pack.Database.Schema, JPAReader)
}

// jpaAnnotation is one @Name(args) with the index of its '@'.
type jpaAnnotation struct {
	name string
	args []schema.Arg
	at   int
}

// jpaField is an entity's field or Kotlin property.
type jpaField struct {
	name     string
	typ      string // simple type name (List, String, AppUser)
	generic  string // the last type argument (Set<Tag> → Tag)
	nullable bool   // Kotlin T?
	kotlin   bool
	ann      []jpaAnnotation
	at       int
}

// jpaEntity is one @Entity class.
type jpaEntity struct {
	class  string
	table  facts.Table
	ann    []jpaAnnotation
	fields []jpaField
	at     int
}

type jpaParser struct {
	path   string
	kotlin bool
	toks   []schema.Token
	m      []int
	lines  schema.Lines
}

func readJPA(f scan.File) schema.Result {
	src := f.Source()
	kotlin := strings.HasSuffix(f.Path, ".kt")
	lang := "java"
	if kotlin {
		lang = "kotlin"
	}
	p := &jpaParser{path: f.Path, kotlin: kotlin, toks: schema.Lex(src, lang), lines: schema.NewLines(src)}
	p.m = schema.Match(p.toks)
	ents := p.entities()
	if len(ents) == 0 {
		return schema.Result{}
	}
	local := map[string]*jpaEntity{}
	for i := range ents {
		local[ents[i].class] = &ents[i]
		ents[i].table.Name = entityTable(ents[i].class, ents[i].ann)
		ents[i].table.Source = p.loc(ents[i].at)
	}
	var out []facts.Table
	aliases := map[string]string{}
	for i := range ents {
		out = append(out, p.tables(&ents[i], local)...)
		// Another file's relation to this class guesses its table from
		// the class name (refTable); @Table may say otherwise.
		if guess := snakeCase(ents[i].class); guess != ents[i].table.Name {
			aliases[guess] = ents[i].table.Name
		}
	}
	return schema.Result{Models: out, Aliases: aliases}
}

func (p *jpaParser) loc(i int) facts.Location {
	return facts.Location{Path: p.path, Line: p.lines.At(p.toks[min(i, len(p.toks)-1)].Off)}
}

// annotation reads @Name(args) (or Kotlin @field:Name(args)) at i and
// returns it with the index after it.
func (p *jpaParser) annotation(i, end int) (jpaAnnotation, int) {
	t := p.toks
	a := jpaAnnotation{at: i}
	j := i + 1
	if j+1 < end && t[j].Kind == schema.Ident && t[j+1].Is(":") { // @field:Column, @get:Id
		j += 2
	}
	for j < end && t[j].Kind == schema.Ident { // qualified: jakarta.persistence.Column
		a.name = t[j].Text
		if j+1 < end && t[j+1].Is(".") {
			j += 2
			continue
		}
		j++
		break
	}
	if j < end && t[j].Is("(") {
		a.args = schema.Args(t, p.m, j+1, min(p.m[j], end))
		j = schema.Next(p.m, j)
	}
	return a, j
}

var modifiers = map[string]bool{
	"public": true, "private": true, "protected": true, "static": true, "final": true, "transient": true, "abstract": true,
	"open": true, "override": true, "lateinit": true, "internal": true, "data": true, "const": true, "volatile": true,
	"synchronized": true, "sealed": true, "inner": true, "companion": true, "object": false,
}

// entities finds the @Entity classes of the file and their fields.
func (p *jpaParser) entities() []jpaEntity {
	t := p.toks
	var out []jpaEntity
	var pending []jpaAnnotation
	for i := 0; i < len(t); {
		switch {
		case t[i].Is("@"):
			a, j := p.annotation(i, len(t))
			if len(pending) < 32 {
				pending = append(pending, a)
			}
			i = max(j, i+1)
		case t[i].Is("class"):
			isEntity := false
			for _, a := range pending {
				if a.name == "Entity" {
					isEntity = true
				}
			}
			if i+1 >= len(t) || t[i+1].Kind != schema.Ident {
				i++
				continue
			}
			e := jpaEntity{class: t[i+1].Text, ann: pending, at: i + 1}
			pending = nil
			j := i + 2
			// Kotlin primary constructor, then supertypes, then the body.
			for j < len(t) && !t[j].Is("{") && !t[j].Is("@") && !t[j].Is("class") && !t[j].Is(";") && !t[j].Is("interface") && !t[j].Is("fun") {
				if t[j].Is("(") && p.kotlin && j == i+2 && isEntity {
					e.fields = append(e.fields, p.kotlinParams(j+1, min(p.m[j], len(t)))...)
				}
				if t[j].Is("(") && j != i+2 {
					j = schema.Next(p.m, j) // Base(…)
					continue
				}
				j = schema.Next(p.m, j)
			}
			if j < len(t) && t[j].Is("{") {
				if isEntity {
					e.fields = append(e.fields, p.members(j+1, min(p.m[j], len(t)))...)
				}
				j = schema.Next(p.m, j)
			}
			if isEntity && len(out) < 500 {
				out = append(out, e)
			}
			i = j
		case t[i].Is(";"), t[i].Is("}"), t[i].Is("{"), t[i].Is("fun"), t[i].Is("interface"):
			pending = nil
			i++
		default:
			i++
		}
	}
	return out
}

// members reads the fields of a class body [from, to): Java `Type name`
// and Kotlin `val name: Type`, skipping methods and nested types.
func (p *jpaParser) members(from, to int) []jpaField {
	t := p.toks
	var out []jpaField
	var pending []jpaAnnotation
	skip := false // static or transient
	for i := from; i < to; {
		tk := t[i]
		switch {
		case tk.Is("@"):
			a, j := p.annotation(i, to)
			if len(pending) < 32 {
				pending = append(pending, a)
			}
			i = max(j, i+1)
			continue
		case tk.Kind == schema.Ident && modifiers[tk.Text]:
			if tk.Text == "static" || tk.Text == "transient" || tk.Text == "companion" || tk.Text == "const" {
				skip = true
			}
			i++
			continue
		case tk.Is("class"), tk.Is("interface"), tk.Is("enum"), tk.Is("record"), tk.Is("object"), tk.Is("fun"), tk.Is("init"):
			// Skip to the end of the nested type or function: its body.
			j := i + 1
			for j < to && !t[j].Is("{") && !t[j].Is(";") && !t[j].Is("@") {
				j = schema.Next(p.m, j)
				if j < to && (t[j].Is("val") || t[j].Is("var") || t[j].Is("fun")) && t[i].Is("fun") {
					break // expression-bodied fun: the next member starts
				}
			}
			if j < to && t[j].Is("{") {
				j = schema.Next(p.m, j)
			}
			i, pending, skip = j, nil, false
			continue
		case tk.Is("val"), tk.Is("var"):
			// Kotlin property: name : Type [?]
			if i+1 < to && t[i+1].Kind == schema.Ident {
				f := jpaField{name: t[i+1].Text, ann: pending, at: i + 1, kotlin: true}
				if i+2 < to && t[i+2].Is(":") {
					p.readType(&f, i+3, to)
				}
				if !skip {
					out = append(out, f)
				}
			}
			i = p.skipStatement(i+1, to)
			pending, skip = nil, false
			continue
		case tk.Is("{"), tk.Is("("):
			i, pending, skip = schema.Next(p.m, i), nil, false
			continue
		case tk.Is(";"), tk.Is("}"):
			i, pending, skip = i+1, nil, false
			continue
		case tk.Kind == schema.Ident && !p.kotlin:
			// Java: Type [<…>] [[]] name (= …)? ; — or a method/constructor.
			f := jpaField{at: i}
			j := p.readType(&f, i, to)
			if j < to && t[j].Kind == schema.Ident && j+1 < to && (t[j+1].Is(";") || t[j+1].Is("=") || t[j+1].Is(",")) {
				f.name, f.ann, f.at = t[j].Text, pending, j
				if !skip {
					out = append(out, f)
				}
				i = p.skipStatement(j, to)
			} else {
				// a method or constructor: skip its parameters and body
				for j < to && !t[j].Is("(") && !t[j].Is(";") && !t[j].Is("{") {
					j++
				}
				if j < to && t[j].Is("(") {
					j = schema.Next(p.m, j)
				}
				for j < to && !t[j].Is("{") && !t[j].Is(";") && !t[j].Is("@") {
					j = schema.Next(p.m, j)
				}
				if j < to && t[j].Is("{") {
					j = schema.Next(p.m, j)
				}
				i = j
			}
			pending, skip = nil, false
			continue
		}
		i++
	}
	return out
}

// kotlinParams reads a primary constructor's val/var parameters.
func (p *jpaParser) kotlinParams(from, to int) []jpaField {
	t := p.toks
	var out []jpaField
	for _, a := range schema.Args(t, p.m, from, to) {
		i, end := a.From, a.From+len(a.Val)
		if a.Key != "" { // `name: Type` read as a named argument
			i -= 2
		}
		var anns []jpaAnnotation
		prop := false
		for i < end {
			if t[i].Is("@") {
				an, j := p.annotation(i, end)
				anns = append(anns, an)
				i = max(j, i+1)
				continue
			}
			if t[i].Is("val") || t[i].Is("var") {
				prop = true
				i++
				continue
			}
			if t[i].Kind == schema.Ident && modifiers[t[i].Text] {
				i++
				continue
			}
			break
		}
		if !prop || i+2 >= end || t[i].Kind != schema.Ident || !t[i+1].Is(":") {
			continue
		}
		f := jpaField{name: t[i].Text, ann: anns, at: i, kotlin: true}
		p.readType(&f, i+2, end)
		out = append(out, f)
	}
	return out
}

// readType reads a (qualified, generic, array, nullable) type at i into f
// and returns the index after it.
func (p *jpaParser) readType(f *jpaField, i, end int) int {
	t := p.toks
	for i < end && t[i].Kind == schema.Ident {
		f.typ = t[i].Text
		if i+1 < end && t[i+1].Is(".") && i+2 < end && t[i+2].Kind == schema.Ident {
			i += 2
			continue
		}
		i++
		break
	}
	if i < end && t[i].Is("<") {
		depth := 0
		for k := 0; i < end && k < 64; k++ {
			switch {
			case t[i].Is("<"):
				depth++
			case t[i].Is(">"):
				depth--
			case t[i].Kind == schema.Ident && depth == 1:
				f.generic = t[i].Text
			}
			i++
			if depth == 0 {
				break
			}
		}
	}
	for i+1 < end && t[i].Is("[") && t[i+1].Is("]") {
		f.typ += "[]"
		i += 2
	}
	if i < end && t[i].Is("?") {
		f.nullable = true
		i++
	}
	return i
}

// skipStatement returns the index after the declaration that includes i:
// past the next ';' at this level, or, in Kotlin (no semicolons), at the
// next member's first token.
func (p *jpaParser) skipStatement(i, to int) int {
	t := p.toks
	for i < to {
		switch {
		case t[i].Is(";"):
			return i + 1
		case t[i].Is("}"):
			return i
		case p.kotlin && (t[i].Is("@") || t[i].Is("val") || t[i].Is("var") || t[i].Is("fun") || t[i].Is("class") || t[i].Is("init")):
			return i
		}
		i = schema.Next(p.m, i)
	}
	return to
}

func annOf(anns []jpaAnnotation, name string) *jpaAnnotation {
	for i := range anns {
		if anns[i].name == name {
			return &anns[i]
		}
	}
	return nil
}

// attr returns an annotation attribute's single value (a string, number
// or name), or "".
func (a *jpaAnnotation) attr(key string) string {
	if a == nil {
		return ""
	}
	v := schema.Named(a.args, key)
	if v == nil && key == "value" && len(a.args) == 1 && a.args[0].Key == "" {
		v = &a.args[0]
	}
	if v == nil || len(v.Val) == 0 {
		return ""
	}
	last := v.Val[len(v.Val)-1]
	if last.Kind == schema.String || last.Kind == schema.Number || last.Kind == schema.Ident {
		return last.Text
	}
	return ""
}

// entityTable is the table Hibernate gives the entity: @Table(name), else
// @Entity(name), else the snake_case of the class name.
func entityTable(class string, anns []jpaAnnotation) string {
	if n := annOf(anns, "Table").attr("name"); n != "" {
		return n
	}
	if n := annOf(anns, "Entity").attr("name"); n != "" {
		return snakeCase(n)
	}
	return snakeCase(class)
}

// snakeCase is Spring's CamelCaseToUnderscoresNamingStrategy.
func snakeCase(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			c = '_'
		}
		if i > 0 && c >= 'A' && c <= 'Z' && s[i-1] >= 'a' && s[i-1] <= 'z' {
			b.WriteByte('_')
		} else if i > 0 && i+1 < len(s) && c >= 'A' && c <= 'Z' && s[i-1] >= 'A' && s[i-1] <= 'Z' && s[i+1] >= 'a' && s[i+1] <= 'z' {
			b.WriteByte('_')
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// tables turns an entity into its table and the join tables its
// @ManyToMany fields own.
func (p *jpaParser) tables(e *jpaEntity, local map[string]*jpaEntity) []facts.Table {
	tb := e.table
	var joins []facts.Table
	refTable := func(class string) (string, string) {
		if o := local[class]; o != nil {
			pkType := "bigint"
			if id := idField(o); id != nil {
				pkType = p.columnType(id)
			}
			return o.table.Name, pkType
		}
		return snakeCase(class), "bigint"
	}
	refPK := func(class string) string {
		if o := local[class]; o != nil {
			if id := idField(o); id != nil {
				return columnName(id)
			}
		}
		return "id"
	}
	for fi := range e.fields {
		f := &e.fields[fi]
		a := f.ann
		at := p.loc(f.at)
		if annOf(a, "Transient") != nil || annOf(a, "OneToMany") != nil || annOf(a, "ElementCollection") != nil || annOf(a, "Embedded") != nil || annOf(a, "EmbeddedId") != nil {
			continue
		}
		if mtm := annOf(a, "ManyToMany"); mtm != nil {
			if mtm.attr("mappedBy") != "" {
				continue
			}
			target := f.generic
			if target == "" {
				continue
			}
			jt := annOf(a, "JoinTable")
			ownTable, ownType := tb.Name, "bigint"
			if id := idField(e); id != nil {
				ownType = p.columnType(id)
			}
			tgtTable, tgtType := refTable(target)
			name := jt.attr("name")
			if name == "" { // SpringImplicitNamingStrategy: <owner table>_<field>
				name = ownTable + "_" + snakeCase(f.name)
			}
			joinCol, invCol := snakeCase(e.class)+"_"+columnNameOr(idField(e), "id"), snakeCase(f.name)+"_"+refPK(target)
			if jt != nil {
				if n := nestedName(jt.args, "joinColumns"); n != "" {
					joinCol = n
				}
				if n := nestedName(jt.args, "inverseJoinColumns"); n != "" {
					invCol = n
				}
			}
			j := facts.Table{Name: name, Source: at, Columns: []facts.Column{
				{Name: joinCol, Type: ownType, At: at}, {Name: invCol, Type: tgtType, At: at},
			}, ForeignKeys: []facts.ForeignKey{
				{Columns: []string{joinCol}, References: ownTable, RefColumns: []string{columnNameOr(idField(e), "id")}, At: at},
				{Columns: []string{invCol}, References: tgtTable, RefColumns: []string{refPK(target)}, At: at},
			}}
			if f.typ == "Set" || f.typ == "MutableSet" || f.typ == "HashSet" || f.typ == "SortedSet" || f.typ == "TreeSet" {
				j.PrimaryKey = []string{joinCol, invCol}
			}
			joins = append(joins, j)
			continue
		}
		rel := annOf(a, "ManyToOne")
		oneToOne := annOf(a, "OneToOne")
		if rel == nil {
			rel = oneToOne
		}
		if rel != nil {
			if rel.attr("mappedBy") != "" {
				continue
			}
			jc := annOf(a, "JoinColumn")
			col := jc.attr("name")
			if col == "" {
				col = snakeCase(f.name) + "_" + refPK(f.typ)
			}
			tgtTable, tgtType := refTable(f.typ)
			null := !(rel.attr("optional") == "false" || jc.attr("nullable") == "false" || notNullAnn(a))
			addJPAColumn(&tb, facts.Column{Name: col, Type: tgtType, Nullable: null, At: at})
			ref := refPK(f.typ)
			if rc := jc.attr("referencedColumnName"); rc != "" {
				ref = rc
			}
			tb.ForeignKeys = append(tb.ForeignKeys, facts.ForeignKey{Columns: []string{col}, References: tgtTable, RefColumns: []string{ref}, At: at})
			if oneToOne != nil || jc.attr("unique") == "true" {
				tb.Indexes = append(tb.Indexes, facts.Index{Columns: []string{col}, Unique: true, At: at})
			}
			continue
		}
		c := facts.Column{Name: columnName(f), Type: p.columnType(f), At: at}
		colAnn := annOf(a, "Column")
		c.Nullable = !primitive(f) && colAnn.attr("nullable") != "false" && !notNullAnn(a)
		if annOf(a, "Id") != nil {
			c.Nullable = false
			tb.PrimaryKey = append(tb.PrimaryKey, c.Name)
		}
		addJPAColumn(&tb, c)
		if colAnn.attr("unique") == "true" {
			tb.Indexes = append(tb.Indexes, facts.Index{Columns: []string{c.Name}, Unique: true, At: at})
		}
	}
	tb.Indexes = append(tb.Indexes, p.tableIndexes(e)...)
	return append([]facts.Table{tb}, joins...)
}

func addJPAColumn(tb *facts.Table, c facts.Column) {
	if tb.Column(c.Name) == nil && len(tb.Columns) < 500 {
		tb.Columns = append(tb.Columns, c)
	}
}

// tableIndexes reads @Table(uniqueConstraints = @UniqueConstraint(columnNames
// = {…}), indexes = @Index(columnList = "a, b", unique = true)).
func (p *jpaParser) tableIndexes(e *jpaEntity) []facts.Index {
	tab := annOf(e.ann, "Table")
	if tab == nil {
		return nil
	}
	t := p.toks
	var out []facts.Index
	at := p.loc(tab.at)
	for _, key := range []string{"uniqueConstraints", "indexes"} {
		v := schema.Named(tab.args, key)
		if v == nil {
			continue
		}
		for i := v.From; i < v.From+len(v.Val); i++ {
			if !(t[i].Is("UniqueConstraint") || t[i].Is("Index")) || i+1 >= len(t) || !t[i+1].Is("(") {
				continue
			}
			args := schema.Args(t, p.m, i+2, min(p.m[i+1], len(t)))
			ix := facts.Index{Unique: t[i].Is("UniqueConstraint"), At: at}
			a := jpaAnnotation{args: args}
			ix.Name = a.attr("name")
			if cn := schema.Named(args, "columnNames"); cn != nil {
				ix.Columns = cn.Names()
			}
			if cl := a.attr("columnList"); cl != "" {
				for c := range strings.SplitSeq(cl, ",") {
					if fs := strings.Fields(c); len(fs) > 0 {
						ix.Columns = append(ix.Columns, fs[0])
					}
				}
			}
			if a.attr("unique") == "true" {
				ix.Unique = true
			}
			if len(ix.Columns) > 0 {
				out = append(out, ix)
			}
			i = schema.Next(p.m, i+1) - 1
		}
	}
	return out
}

// nestedName reads joinColumns = @JoinColumn(name = "x") (or an array of
// them, or Kotlin's [JoinColumn(name = "x")]): the first name.
func nestedName(args []schema.Arg, key string) string {
	v := schema.Named(args, key)
	if v == nil {
		return ""
	}
	for i := 0; i+2 < len(v.Val); i++ {
		if v.Val[i].Is("name") && v.Val[i+1].Is("=") && v.Val[i+2].Kind == schema.String {
			return v.Val[i+2].Text
		}
	}
	return ""
}

func idField(e *jpaEntity) *jpaField {
	for i := range e.fields {
		if annOf(e.fields[i].ann, "Id") != nil {
			return &e.fields[i]
		}
	}
	return nil
}

func columnName(f *jpaField) string {
	if n := annOf(f.ann, "Column").attr("name"); n != "" {
		return n
	}
	return snakeCase(f.name)
}

func columnNameOr(f *jpaField, def string) string {
	if f == nil {
		return def
	}
	return columnName(f)
}

func notNullAnn(a []jpaAnnotation) bool {
	return annOf(a, "NotNull") != nil || annOf(a, "NotBlank") != nil || annOf(a, "NotEmpty") != nil
}

// primitive reports a Java primitive or a Kotlin non-null number or
// boolean (compiled to a primitive): Hibernate makes it NOT NULL.
func primitive(f *jpaField) bool {
	switch f.typ {
	case "int", "long", "short", "byte", "boolean", "double", "float", "char":
		return !f.kotlin
	case "Int", "Long", "Short", "Byte", "Boolean", "Double", "Float", "Char":
		return f.kotlin && !f.nullable
	}
	return false
}

// columnType maps a field's type and @Column/@Lob/@Enumerated to the
// vocabulary.
func (p *jpaParser) columnType(f *jpaField) string {
	col := annOf(f.ann, "Column")
	if d := col.attr("columnDefinition"); d != "" {
		return strings.ToLower(d)
	}
	num := func(k, def string) string {
		if v := col.attr(k); v != "" {
			return v
		}
		// Hibernate Validator's @Size(max)/@Length(max) set the length
		// of the column it generates.
		if k == "length" {
			for _, a := range []string{"Size", "Length"} {
				if v := annOf(f.ann, a).attr("max"); v != "" {
					return v
				}
			}
		}
		return def
	}
	switch f.typ {
	case "String", "char[]":
		if annOf(f.ann, "Lob") != nil {
			return "text"
		}
		return "varchar(" + num("length", "255") + ")"
	case "Long", "long":
		return "bigint"
	case "Integer", "int", "Int":
		return "integer"
	case "Short", "short", "Byte", "byte", "UByte":
		return "smallint"
	case "Boolean", "boolean":
		return "boolean"
	case "Double", "double":
		return "double"
	case "Float", "float":
		return "float"
	case "BigDecimal":
		return "numeric(" + num("precision", "38") + "," + num("scale", "2") + ")"
	case "BigInteger":
		return "numeric(" + num("precision", "38") + ",0)"
	case "LocalDate":
		return "date"
	case "LocalDateTime", "Date", "Timestamp", "Calendar":
		return "timestamp"
	case "Instant", "OffsetDateTime", "ZonedDateTime":
		return "timestamptz"
	case "LocalTime", "Time", "OffsetTime":
		return "time"
	case "UUID":
		return "uuid"
	case "byte[]", "ByteArray", "Byte[]", "Blob":
		return "blob"
	case "Duration":
		return "interval"
	}
	if en := annOf(f.ann, "Enumerated"); en != nil {
		if en.attr("value") == "STRING" {
			return "varchar(" + num("length", "255") + ")"
		}
		return "smallint"
	}
	return strings.ToLower(f.typ)
}
