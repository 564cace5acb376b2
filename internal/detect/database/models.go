package database

import (
	"bytes"
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// model is one model or entity declaration.
type model struct {
	name, orm string
	loc       facts.Location
}

// pyClass is a Python class whose bases decide, once every file is seen,
// whether it is a model (bases may be declared in another file).
type pyClass struct {
	name     string
	bases    []string
	table    bool // SQLModel's table=True
	abstract bool
	hint     string // the ORM the file imports: tortoise, peewee, mongoengine, beanie
	loc      facts.Location
}

// goStruct is a Go struct that may be a GORM or Bun model.
type goStruct struct {
	name   string
	orm    string // gorm or bun when the struct says so itself
	fields []goField
	loc    facts.Location
}

type goField struct {
	typ string
	loc facts.Location
}

var (
	pyClassRe     = scan.MustCompile(`(?m)^[ \t]*class\s+(\w+)\s*\(([^)]*)\)\s*:`)
	pyDeclBase    = scan.MustCompile(`(?m)^\s*(\w+)\s*(?::\s*\w+\s*)?=\s*(?:declarative_base|automap_base)\(|(?m)^\s*(\w+)\s*=\s*(?:\w+\.)?registry\(\)\.generate_base\(|(?m)^(\w+)\s*=\s*db\.Model\s*$`)
	pyAbstract    = scan.MustCompile(`(?m)^\s+(?:__abstract__|abstract)\s*=\s*True`)
	entityRe      = scan.MustCompile(`@Entity\b`)
	documentRe    = scan.MustCompile(`@Document\b`)
	goStructRe    = scan.MustCompile(`(?m)^type\s+(\w+)\s+struct\s*\{`)
	autoMigrateRe = scan.MustCompile(`AutoMigrate\(([^)]*)\)`)
	structLitRe   = scan.MustCompile(`&(?:\w+\.)?(\w+)\{\}`)
	entSchemaRe   = scan.MustCompile(`(?m)^type\s+(\w+)\s+struct\s*\{\s*ent\.Schema`)
	prismaModelRe = scan.MustCompile(`(?m)^\s*model\s+(\w+)\s*\{`)
	prismaFieldRe = scan.MustCompile(`(?m)^[ \t]+\w+[ \t]+(\w+)`)
	prismaRelRe   = scan.MustCompile(`@relation\b`)
	drizzleRe     = scan.MustCompile(`\b(?:pgTable|mysqlTable|sqliteTable)\s*\(\s*["'\x60]`)
	seqDefineRe   = scan.MustCompile(`\.define\s*\(\s*["'\x60]`)
	extendsModel  = scan.MustCompile(`\bextends\s+Model\b`)
	mongooseModel = scan.MustCompile(`\bmodel\s*(?:<[^>()]*>)?\s*\(\s*["'\x60]`)
	schemaFactory = scan.MustCompile(`SchemaFactory\.createForClass\(`)
	newSchema     = scan.MustCompile(`new\s+(?:mongoose\.)?Schema\s*(?:<[^>()]*>)?\s*\(`)
	entitySchema  = scan.MustCompile(`new\s+EntitySchema\s*(?:<[^>()]*>)?\s*\(`)
	// createTable finds tables created in SQL and in migration code
	// (Alembic op.create_table, Knex/Sequelize createTable).
	createTableSQL  = scan.MustCompile(`(?i)\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?[\x60"\[]?(?:\w+[\x60"\]]?\.[\x60"\[]?)?(\w+)`)
	createTableCode = scan.MustCompile(`\b(?:create_table|createTable)\s*\(\s*["'\x60](\w+)`)
)

// knownPyBases maps a base class spelling to the ORM it means.
var knownPyBases = map[string]string{
	"models.Model": "django-orm", "AbstractUser": "django-orm", "AbstractBaseUser": "django-orm",
	"db.Model": "sqlalchemy", "DeclarativeBase": "", // a DeclarativeBase subclass is a base, not a model
}

// scanPython collects classes and declarative bases.
func (d *detector) scanPython(p string, code []byte) {
	if scan.Contains(code, "sqlalchemy") || scan.Contains(code, "sqlmodel") {
		d.sawSQLAlchemy = true
	}
	for _, m := range pyDeclBase.FindAllSubmatch(code, -1) {
		for _, g := range m[1:] {
			if len(g) > 0 {
				d.pyBases[string(g)] = "sqlalchemy"
			}
		}
	}
	if !scan.Contains(code, "class ") {
		return
	}
	hint := ""
	switch {
	case scan.Contains(code, "tortoise"):
		hint = "tortoise"
	case scan.Contains(code, "peewee"):
		hint = "peewee"
	case scan.Contains(code, "mongoengine"):
		hint = "mongoengine"
	case scan.Contains(code, "beanie"):
		hint = "beanie"
	}
	idx := pyClassRe.FindAllSubmatchIndex(code, -1)
	for i, m := range idx {
		name := string(code[m[2]:m[3]])
		c := pyClass{name: name, hint: hint, loc: facts.Location{Path: p, Line: scan.LineAt(code, m[2])}}
		for b := range strings.SplitSeq(string(code[m[4]:m[5]]), ",") {
			b = strings.TrimSpace(b)
			if k, v, ok := strings.Cut(b, "="); ok {
				if strings.TrimSpace(k) == "table" && strings.TrimSpace(v) == "True" {
					c.table = true
				}
				continue
			}
			if b != "" {
				c.bases = append(c.bases, b)
			}
		}
		if len(c.bases) == 0 {
			continue
		}
		// The class body runs to the next class at any indentation; good
		// enough to find a Meta.abstract or __abstract__ flag.
		end := len(code)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		body := code[m[1]:end]
		if len(body) > 4000 {
			body = body[:4000]
		}
		// Django's abstract flag lives in a nested Meta class, which the
		// loop sees as the next class; look a little past it.
		if i+1 < len(idx) && string(code[idx[i+1][2]:idx[i+1][3]]) == "Meta" {
			e2 := len(code)
			if i+2 < len(idx) {
				e2 = idx[i+2][0]
			}
			body = code[m[1]:min(e2, m[1]+4000)]
		}
		c.abstract = pyAbstract.Match(body)
		for _, b := range c.bases {
			if b == "DeclarativeBase" || b == "DeclarativeBaseNoMeta" || strings.HasSuffix(b, ".DeclarativeBase") {
				d.pyBases[name] = "sqlalchemy"
			}
		}
		d.pyClasses = append(d.pyClasses, c)
	}
}

// pyBaseORM says which ORM a base spelling means, given the file's hint.
func (d *detector) pyBaseORM(b string, c pyClass) (string, bool) {
	if orm, ok := knownPyBases[b]; ok && orm != "" {
		if orm == "django-orm" && b == "models.Model" && c.hint == "tortoise" {
			return "tortoise", true
		}
		return orm, true
	}
	if orm, ok := d.pyBases[b]; ok {
		return orm, true
	}
	switch {
	case b == "Base" && d.sawSQLAlchemy:
		return "sqlalchemy", true
	case b == "SQLModel":
		return "sqlmodel", true
	case (b == "Model" || b == "models.Model") && (c.hint == "tortoise" || c.hint == "peewee"):
		return c.hint, true
	case (b == "Document" || b == "DynamicDocument") && (c.hint == "mongoengine" || c.hint == "beanie"):
		return c.hint, true
	}
	return "", false
}

// finishPython resolves class hierarchies across files and records models.
func (d *detector) finishPython() {
	orms := map[string]string{} // class name → ORM, for every model-like class
	for changed, round := true, 0; changed && round < 10; round++ {
		changed = false
		for _, c := range d.pyClasses {
			if _, ok := orms[c.name]; ok {
				continue
			}
			if _, isBase := d.pyBases[c.name]; isBase {
				continue
			}
			for _, b := range c.bases {
				orm, ok := d.pyBaseORM(b, c)
				if !ok {
					short := b[strings.LastIndexByte(b, '.')+1:]
					orm, ok = orms[short]
				}
				if ok {
					orms[c.name] = orm
					changed = true
					break
				}
			}
		}
	}
	for _, c := range d.pyClasses {
		orm, ok := orms[c.name]
		if !ok || c.abstract || c.name == "Meta" {
			continue
		}
		if orm == "sqlmodel" && !c.table {
			continue
		}
		d.addModel(c.name, orm, c.loc)
	}
}

// scanJVM finds JPA entities and Spring Data MongoDB documents.
func (d *detector) scanJVM(p string, code []byte) {
	for _, m := range entityRe.FindAllIndex(code, -1) {
		d.addModel("", "jpa", facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
	if scan.Contains(code, "org.springframework.data.mongodb") {
		for _, m := range documentRe.FindAllIndex(code, -1) {
			d.addModel("", "spring-data-mongodb", facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
		}
	}
}

// scanJS finds TypeORM, MikroORM, Sequelize, Drizzle and Mongoose models.
func (d *detector) scanJS(p string, code []byte) {
	at := func(off int) facts.Location { return facts.Location{Path: p, Line: scan.LineAt(code, off)} }
	switch {
	case scan.Contains(code, "typeorm"):
		for _, m := range entityRe.FindAllIndex(code, -1) {
			d.addModel("", "typeorm", at(m[0]))
		}
		for _, m := range entitySchema.FindAllIndex(code, -1) {
			d.addModel("", "typeorm", at(m[0]))
		}
	case scan.Contains(code, "@mikro-orm"):
		for _, m := range entityRe.FindAllIndex(code, -1) {
			d.addModel("", "mikro-orm", at(m[0]))
		}
	}
	if scan.Contains(code, "sequelize") {
		for _, m := range seqDefineRe.FindAllIndex(code, -1) {
			d.addModel("", "sequelize", at(m[0]))
		}
		for _, m := range extendsModel.FindAllIndex(code, -1) {
			d.addModel("", "sequelize", at(m[0]))
		}
	}
	if scan.Contains(code, "drizzle-orm") {
		for _, m := range drizzleRe.FindAllIndex(code, -1) {
			d.addModel("", "drizzle", at(m[0]))
		}
	}
	if scan.Contains(code, "mongoose") {
		// A schema is usually declared and then compiled into a model; count
		// the models, else the NestJS schema classes, else the schemas.
		ms := mongooseModel.FindAllIndex(code, -1)
		if len(ms) == 0 {
			ms = schemaFactory.FindAllIndex(code, -1)
		}
		if len(ms) == 0 {
			ms = newSchema.FindAllIndex(code, -1)
		}
		for _, m := range ms {
			d.addModel("", "mongoose", at(m[0]))
		}
	}
}

// scanGo collects structs (resolved in Finish), AutoMigrate calls and ent schemas.
func (d *detector) scanGo(p string, code []byte) {
	for _, m := range entSchemaRe.FindAllSubmatchIndex(code, -1) {
		d.addModel(string(code[m[2]:m[3]]), "ent", facts.Location{Path: p, Line: scan.LineAt(code, m[2])})
	}
	for _, m := range autoMigrateRe.FindAllSubmatchIndex(code, -1) {
		for _, s := range structLitRe.FindAllSubmatch(code[m[2]:m[3]], -1) {
			d.autoMigrated[string(s[1])] = true
		}
	}
	if !scan.Contains(code, "gorm") && !scan.Contains(code, "bun") {
		return
	}
	for _, m := range goStructRe.FindAllSubmatchIndex(code, -1) {
		s := goStruct{name: string(code[m[2]:m[3]]), loc: facts.Location{Path: p, Line: scan.LineAt(code, m[2])}}
		end := bytes.IndexByte(code[m[1]:], '}')
		if end < 0 {
			continue
		}
		bodyStart := m[1]
		body := code[bodyStart : bodyStart+end]
		off := bodyStart
		for line := range bytes.SplitSeq(body, []byte("\n")) {
			lineOff := off
			off += len(line) + 1
			t := bytes.TrimSpace(line)
			switch {
			case len(t) == 0:
				continue
			case bytes.HasPrefix(t, []byte("gorm.Model")):
				s.orm = "gorm"
				continue
			case bytes.HasPrefix(t, []byte("bun.BaseModel")):
				s.orm = "bun"
				continue
			}
			if bytes.Contains(t, []byte(`gorm:"`)) {
				s.orm = "gorm"
				if bytes.Contains(t, []byte("foreignKey:")) || bytes.Contains(t, []byte("many2many:")) || bytes.Contains(t, []byte("foreignkey:")) {
					d.addRelation(facts.Location{Path: p, Line: scan.LineAt(code, lineOff)})
				}
			}
			if bytes.Contains(t, []byte(`bun:"rel:`)) || bytes.Contains(t, []byte(`bun:"m2m:`)) {
				d.addRelation(facts.Location{Path: p, Line: scan.LineAt(code, lineOff)})
			}
			fs := strings.Fields(string(t))
			if len(fs) >= 2 {
				typ := strings.TrimLeft(fs[1], "[]*")
				if typ != "" && !strings.Contains(typ, ".") {
					s.fields = append(s.fields, goField{typ: typ, loc: facts.Location{Path: p, Line: scan.LineAt(code, lineOff)}})
				}
			}
		}
		d.goStructs = append(d.goStructs, s)
	}
}

// finishGo counts GORM/Bun models and relations by field types.
func (d *detector) finishGo() {
	isModel := map[string]string{}
	for _, s := range d.goStructs {
		switch {
		case s.orm != "":
			isModel[s.name] = s.orm
		case d.autoMigrated[s.name]:
			isModel[s.name] = "gorm"
		}
	}
	for _, s := range d.goStructs {
		orm, ok := isModel[s.name]
		if !ok {
			continue
		}
		d.addModel(s.name, orm, s.loc)
		for _, fl := range s.fields {
			if _, rel := isModel[fl.typ]; rel && fl.typ != s.name {
				d.addRelation(fl.loc)
			}
		}
	}
}

// scanPrisma records models, their field types and relations.
func (d *detector) scanPrisma(p string, data []byte) {
	code := blankSlashLines(data)
	idx := prismaModelRe.FindAllSubmatchIndex(code, -1)
	for i, m := range idx {
		name := string(code[m[2]:m[3]])
		d.addModel(name, "prisma", facts.Location{Path: p, Line: scan.LineAt(code, m[2])})
		d.prismaModels[name] = true
		end := len(code)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		if c := bytes.IndexByte(code[m[1]:end], '}'); c >= 0 {
			end = m[1] + c
		}
		for _, f := range prismaFieldRe.FindAllSubmatchIndex(code[m[1]:end], -1) {
			d.prismaFields = append(d.prismaFields, goField{
				typ: string(code[m[1]+f[2] : m[1]+f[3]]),
				loc: facts.Location{Path: p, Line: scan.LineAt(code, m[1]+f[0])},
			})
		}
	}
	for _, m := range prismaRelRe.FindAllIndex(code, -1) {
		d.addRelation(facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
	if m := prismaProvider.FindSubmatchIndex(code); m != nil && scan.Contains(code, "datasource") {
		d.addEngine(canonicalEngine(string(code[m[2]:m[3]])), facts.Location{Path: p, Line: scan.LineAt(code, m[0])})
	}
	d.ormSeen["prisma"] = true
}

// blankSlashLines blanks // comments for formats without strings that
// could hold them (Prisma schemas).
func blankSlashLines(data []byte) []byte {
	out := bytes.Clone(data)
	for i := 0; i+1 < len(out); i++ {
		if out[i] == '/' && out[i+1] == '/' {
			for i < len(out) && out[i] != '\n' {
				out[i] = ' '
				i++
			}
		}
	}
	return out
}

// blankSQLComments blanks -- and /* */ comments of SQL.
func blankSQLComments(data []byte) []byte {
	out := bytes.Clone(data)
	n := len(out)
	for i := 0; i < n; i++ {
		switch {
		case out[i] == '\'':
			for i++; i < n && out[i] != '\''; i++ {
			}
		case out[i] == '-' && i+1 < n && out[i+1] == '-':
			for ; i < n && out[i] != '\n'; i++ {
				out[i] = ' '
			}
		case out[i] == '/' && i+1 < n && out[i+1] == '*':
			for ; i < n && !(out[i] == '*' && i+1 < n && out[i+1] == '/'); i++ {
				if out[i] != '\n' {
					out[i] = ' '
				}
			}
			if i+1 < n {
				out[i], out[i+1] = ' ', ' '
				i++
			}
		}
	}
	return out
}

// blankHashLines blanks whole-line # comments of YAML, properties and env files.
func blankHashLines(data []byte) []byte {
	out := bytes.Clone(data)
	start := 0
	for start < len(out) {
		end := bytes.IndexByte(out[start:], '\n')
		if end < 0 {
			end = len(out)
		} else {
			end += start
		}
		if t := bytes.TrimLeft(out[start:end], " \t"); len(t) > 0 && (t[0] == '#' || t[0] == '!') {
			for i := start; i < end; i++ {
				out[i] = ' '
			}
		}
		start = end + 1
	}
	return out
}
