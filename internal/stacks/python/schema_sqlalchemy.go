package python

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// sqlalchemyReader reads SQLAlchemy declarative models (Column,
// mapped_column, Flask-SQLAlchemy's db.Model) and SQLModel table models
// as Models: the schema when a project has no migrations, and what the
// drift check compares the migrations with.
//
// What SQLAlchemy adds that a model does not spell out: Column is NULL
// unless primary_key or nullable=False; mapped_column follows Mapped[...]
// (Optional or "| None" is NULL); index=True is an index named
// ix_<table>_<column>; Flask-SQLAlchemy names a model without
// __tablename__ by its class in snake case, SQLModel by its class
// lower-cased (as does the usual declared_attr base). Columns of mixins
// and base classes in the same file are inherited.
var sqlalchemyReader = schema.Reader{
	Tool: "sqlalchemy",
	Path: scan.MustCompile(`\.py$`),
	Need: []string{"__tablename__", "db.Model", "table=True", "mapped_column"},
	Read: readSQLAlchemyModels,
}

// saAttr is one column-declaring attribute of a model class.
type saAttr struct {
	name  string
	annot string
	val   pyArg
	hasV  bool
	off   int
}

// saClass is what the file says about one class: its own and inherited
// column attributes, and what decides its table.
type saClass struct {
	attrs     []saAttr
	index     map[string]int // attribute name → its place in attrs
	tableArgs []pyArg
	abstract  bool
}

func readSQLAlchemyModels(f scan.File) schema.Result {
	if inMigrations(f.Path) || scan.Contains(f.Data, "from django") {
		return schema.Result{}
	}
	p := newPyFile(f.Path, f.Source())
	classes := p.classes()
	// Table names first, so ForeignKey(User.id) resolves to a class below.
	tableOf := map[string]string{}
	bodies := make([][]pyStmt, len(classes))
	for i, c := range classes {
		bodies[i] = p.body(c)
		if t := saTableName(c, bodies[i]); t != "" {
			tableOf[c.name] = t
		}
	}
	known := map[string]*saClass{}
	var out []facts.Table
	budget := maxFieldReads
	for ci, c := range classes {
		// Room for the body's attributes: one array, not three regrown.
		sc := &saClass{index: map[string]int{}, attrs: make([]saAttr, 0, len(bodies[ci]))}
		sqlmodel := isSQLModelTable(c)
		for _, b := range c.baseNames() {
			if base, ok := known[b]; ok {
				for _, a := range base.attrs {
					sc.set(a)
				}
				if sc.tableArgs == nil {
					sc.tableArgs = base.tableArgs
				}
			}
		}
		for _, b := range c.baseNames() {
			if b == "SurrogatePK" && known[b] == nil {
				// cookiecutter-flask's mixin (conduit/database.py): an
				// integer id primary key, declared in another file.
				sc.set(saAttr{name: "id", val: pyArg{Val: surrogatePK, Off: -1}, hasV: true, off: c.off})
			}
		}
		tablename := ""
		for _, st := range bodies[ci] {
			switch st.name {
			case "__tablename__":
				tablename, _ = pyStr(st.val.Val)
				continue
			case "__abstract__":
				sc.abstract = st.val.Val == "True"
				continue
			case "__table_args__":
				sc.tableArgs = elems(p.src, st.val)
				continue
			}
			if st.nested != nil || strings.HasPrefix(st.name, "__") || !isColumnAttr(p.src, st, sqlmodel || isSQLModelBase(c)) {
				continue
			}
			sc.set(saAttr{name: st.name, annot: st.annot, val: st.val, hasV: st.hasVal, off: st.off})
		}
		known[c.name] = sc
		table := tableOf[c.name]
		if sc.abstract || table == "" || len(out) >= maxTables {
			continue
		}
		if budget -= len(sc.attrs); budget < 0 {
			break // a hostile chain of subclasses; real files are far below
		}
		t := p.saTable(c, sc, table, sqlmodel, tableOf)
		if tablename == "" && len(t.PrimaryKey) == 0 && !sqlmodel {
			continue // a mixin or base class, not a table
		}
		out = append(out, t)
	}
	out = append(out, p.saModuleTables(tableOf)...)
	if len(out) == 0 {
		return schema.Result{}
	}
	return schema.Result{Models: out}
}

// saModuleTables reads the tables declared with Table("name", metadata,
// Column(...), ...) at the top of the file: association tables of
// many-to-many relationships, mostly.
func (p *pyFile) saModuleTables(tableOf map[string]string) []facts.Table {
	var out []facts.Table
	if !bytes.Contains(p.src, []byte("Table")) {
		return out // no Table(...) call: no need to parse every top-level line
	}
	for k, l := range p.lines {
		if l.Indent != 0 || len(out) >= maxTables {
			continue
		}
		_, _, val, hasVal, ok := p.assign(k)
		if !ok || !hasVal {
			continue
		}
		callee, args, paren := call(p.src, val)
		if !paren || lastName(callee) != "Table" {
			continue
		}
		pos := positional(args)
		if len(pos) == 0 {
			continue
		}
		name, ok := pyStr(pos[0].Val)
		if !ok || name == "" {
			continue
		}
		t := facts.Table{Name: name, Source: p.at(val.Off)}
		for _, a := range pos[1:] {
			c, cargs, paren := call(p.src, a)
			if !paren {
				continue // the metadata
			}
			if lastName(c) == "Column" {
				col := p.saColumn(cargs, "", name, a.Off, true, tableOf)
				if col.col.Name != "" {
					if !col.typed {
						col.col.Type = "integer"
					}
					addSACol(&t, col)
				}
				continue
			}
			p.saConstraint(&t, c, cargs, a.Off)
		}
		out = append(out, t)
	}
	return out
}

// maxTables caps the tables one file declares.
const maxTables = 1000

// set adds the attribute a, replacing an inherited one of its name.
func (sc *saClass) set(a saAttr) {
	if i, ok := sc.index[a.name]; ok {
		sc.attrs[i] = a
		return
	}
	if len(sc.attrs) >= maxFields {
		return
	}
	sc.index[a.name] = len(sc.attrs)
	sc.attrs = append(sc.attrs, a)
}

// inMigrations reports whether p is a migration file, which the
// migration readers read.
func inMigrations(p string) bool {
	return strings.Contains("/"+p, "/versions/") || strings.Contains("/"+p, "/migrations/")
}

func isSQLModelTable(c pyClass) bool {
	v, _ := kwBool(c.bases, "table")
	return v
}

func isSQLModelBase(c pyClass) bool {
	for _, b := range c.baseNames() {
		if lastName(b) == "SQLModel" {
			return true
		}
	}
	return false
}

// saTableName is the table of the class c (whose body statements are
// body), or "" when it declares none
// the reader can tell.
func saTableName(c pyClass, body []pyStmt) string {
	for _, st := range body {
		if st.name == "__tablename__" && st.hasVal {
			if s, ok := pyStr(st.val.Val); ok {
				return s
			}
		}
		if st.name == "__abstract__" && st.val.Val == "True" {
			return ""
		}
	}
	if isSQLModelTable(c) {
		return strings.ToLower(c.name)
	}
	for _, b := range c.baseNames() {
		if b == "db.Model" || b == "Model" {
			return snake(c.name)
		}
	}
	if len(c.bases) == 0 || strings.HasSuffix(c.name, "Mixin") || strings.HasSuffix(c.name, "Base") {
		return ""
	}
	for _, b := range c.baseNames() {
		switch lastName(b) {
		case "object", "DeclarativeBase", "Enum", "str", "BaseModel", "BaseSettings", "SQLModel", "Exception", "TypedDict":
			return ""
		}
	}
	return strings.ToLower(c.name)
}

// isColumnAttr reports whether the statement declares a column:
// Column(...), mapped_column(...), a Mapped[...] annotation without a
// value, or in a SQLModel any annotated field but a Relationship.
func isColumnAttr(src []byte, st pyStmt, sqlmodel bool) bool {
	if st.hasVal {
		callee, _, paren := call(src, st.val)
		switch lastName(callee) {
		case "Column", "mapped_column", "reference_col":
			return paren
		case "Field":
			return sqlmodel && paren
		case "relationship", "Relationship", "column_property", "synonym", "association_proxy", "hybrid_property", "declared_attr":
			return false
		}
	}
	if strings.HasPrefix(st.annot, "Mapped[") || strings.HasPrefix(st.annot, "orm.Mapped[") {
		return !st.hasVal
	}
	if sqlmodel && st.annot != "" && !strings.HasPrefix(st.annot, "ClassVar") {
		_, _, ok := annotType(st.annot)
		return ok
	}
	return false
}

// saTable builds the table of a model class from its column attributes
// and __table_args__.
func (p *pyFile) saTable(c pyClass, sc *saClass, table string, sqlmodel bool, tableOf map[string]string) facts.Table {
	t := facts.Table{Name: table, Source: p.at(c.off)}
	if len(sc.attrs) > 0 {
		// One array for the columns (at most one per attribute), not one
		// regrown per column.
		t.Columns = make([]facts.Column, 0, min(len(sc.attrs), maxTableColumns))
	}
	for _, a := range sc.attrs {
		col := p.saModelColumn(a, table, tableOf)
		if col.col.Name == "" {
			continue
		}
		addSACol(&t, col)
	}
	if len(t.Columns) == 0 {
		t.Columns = nil // as when no column was added
	}
	for _, a := range sc.tableArgs {
		if callee, cargs, paren := call(p.src, a); paren {
			p.saConstraint(&t, callee, cargs, a.Off)
		}
	}
	return t
}

// saModelColumn reads one column attribute of a model.
func (p *pyFile) saModelColumn(a saAttr, table string, tableOf map[string]string) saCol {
	if a.val.Off < 0 { // the SurrogatePK mixin's id
		return saCol{col: facts.Column{Name: a.name, Type: "integer", At: p.at(a.off)}, pk: true, typed: true}
	}
	annType, annNull, annOK := annotType(a.annot)
	if !a.hasV || !isCall(p.src, a.val) {
		// A bare annotation (Mapped[str], SQLModel name: str = "x").
		c := saCol{col: facts.Column{Name: a.name, Type: annType, Nullable: annNull, At: p.at(a.off)}}
		if a.hasV {
			c.col.Default, _ = literalDefault(a.val)
		}
		return c
	}
	callee, args, _ := call(p.src, a.val)
	if lastName(callee) == "reference_col" {
		return p.referenceCol(a, args)
	}
	if lastName(callee) == "Field" {
		return p.sqlmodelField(a, args, table, tableOf, annType, annNull)
	}
	c := p.saColumn(args, a.name, table, a.val.Off, true, tableOf)
	if !c.typed {
		c.col.Type = annType
		if c.col.Type == "" || !annOK {
			c.col.Type = "integer" // a ForeignKey's column takes the referenced key's type
		}
	}
	if lastName(callee) == "mapped_column" && !c.nullSet && !c.pk && a.annot != "" {
		c.col.Nullable = annNull
	}
	return c
}

// surrogatePK stands for the id column of cookiecutter-flask's
// SurrogatePK mixin.
const surrogatePK = "SurrogatePK"

// referenceCol reads cookiecutter-flask's reference_col("table",
// nullable=False, pk_name="id"): an integer column referencing
// table.pk_name, NOT NULL unless nullable=True.
func (p *pyFile) referenceCol(a saAttr, args []pyArg) saCol {
	at := p.at(a.off)
	c := saCol{col: facts.Column{Name: a.name, Type: "integer", At: at}, typed: true}
	pos := positional(args)
	if len(pos) == 0 {
		return saCol{}
	}
	table, ok := pyStr(pos[0].Val)
	if !ok {
		return saCol{}
	}
	ref := "id"
	if s, ok := kwStr(args, "pk_name"); ok {
		ref = s
	}
	if v, set := kwBool(args, "nullable"); set {
		c.col.Nullable = v
	}
	fk := facts.ForeignKey{Columns: []string{a.name}, References: table, RefColumns: []string{ref}, At: at}
	if s, ok := kwStr(args, "ondelete"); ok {
		fk.OnDelete = strings.ToLower(s)
	}
	c.fks = append(c.fks, fk)
	return c
}

func isCall(src []byte, a pyArg) bool {
	_, _, paren := call(src, a)
	return paren
}

// sqlmodelField reads SQLModel's Field(primary_key=, foreign_key=,
// unique=, index=, nullable=, max_length=, sa_column=Column(...)).
func (p *pyFile) sqlmodelField(a saAttr, args []pyArg, table string, tableOf map[string]string, annType string, annNull bool) saCol {
	if sc, ok := kw(args, "sa_column"); ok {
		if _, cargs, paren := call(p.src, sc); paren {
			c := p.saColumn(cargs, a.name, table, sc.Off, true, tableOf)
			if !c.typed {
				c.col.Type = annType
			}
			return c
		}
	}
	c := saCol{col: facts.Column{Name: a.name, Type: annType, At: p.at(a.off)}}
	if ml, ok := kw(args, "max_length"); ok && annType == "varchar" && isNumber(ml.Val) {
		c.col.Type = "varchar(" + strings.TrimSpace(ml.Val) + ")"
	}
	c.pk, _ = kwBool(args, "primary_key")
	c.col.Nullable = annNull && !c.pk
	if v, set := kwBool(args, "nullable"); set {
		c.col.Nullable, c.nullSet = v, true
	}
	if d, ok := argAt(args, 0, "default"); ok {
		c.col.Default, _ = literalDefault(d)
	}
	if ref, ok := kwStr(args, "foreign_key"); ok {
		t, col := splitRef(ref)
		fk := facts.ForeignKey{Columns: []string{a.name}, References: t, At: c.col.At}
		if col != "" {
			fk.RefColumns = []string{col}
		}
		if od, ok := kwStr(args, "ondelete"); ok {
			fk.OnDelete = strings.ToLower(od)
		}
		c.fks = append(c.fks, fk)
	}
	unique, _ := kwBool(args, "unique")
	index, _ := kwBool(args, "index")
	switch {
	case index:
		c.indexes = append(c.indexes, facts.Index{Name: "ix_" + table + "_" + a.name, Columns: []string{a.name}, Unique: unique, At: c.col.At})
	case unique:
		c.indexes = append(c.indexes, facts.Index{Columns: []string{a.name}, Unique: true, At: c.col.At})
	}
	return c
}
