package js

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/rules/facts"
)

const typeormMigration = `import { MigrationInterface, QueryRunner, Table, TableForeignKey } from 'typeorm';

export class Orders1700000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "customers" ("id" SERIAL NOT NULL, ' +
        '"email" character varying(120) NOT NULL, ' +
        "CONSTRAINT \"PK_c\" PRIMARY KEY (\"id\"))",
    );
    await queryRunner.query(` + "`" + `CREATE TABLE "orders" (
      "id" SERIAL PRIMARY KEY,
      "total" numeric(10,2) NOT NULL,
      "customerId" integer REFERENCES "customers"("id") ON DELETE SET NULL
    )` + "`" + `);
    await queryRunner.createTable(new Table({
      name: 'notes',
      columns: [
        { name: 'id', type: 'int', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
        { name: 'body', type: 'varchar', length: '500', isNullable: true },
        { name: 'orderId', type: 'int' },
      ],
    }), true);
    await queryRunner.createForeignKey('notes', new TableForeignKey({
      columnNames: ['orderId'], referencedColumnNames: ['id'], referencedTableName: 'orders', onDelete: 'CASCADE',
    }));
    await queryRunner.query(` + "`" + `CREATE INDEX "IDX_email" ON "customers" ("email")` + "`" + `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notes');
    await queryRunner.query(` + "`" + `DROP TABLE "orders"` + "`" + `);
  }
}
`

func TestTypeORMMigration(t *testing.T) {
	s := readAll(t, map[string]string{"src/migrations/1700000000000-Orders.ts": typeormMigration})
	eq(t, "source", s.Source+"/"+s.Tool, "migrations/typeorm")
	var names []string
	for _, tb := range s.Tables {
		names = append(names, tb.Name)
	}
	// down's DROP TABLE is not applied
	eq(t, "tables", names, []string{"customers", "orders", "notes"})
	cust := table(t, s.Tables, "customers")
	eq(t, "customers columns", cols(cust), []string{"id serial", "email varchar(120)"})
	eq(t, "customers pk", cust.PrimaryKey, []string{"id"})
	eq(t, "customers indexes", idxs(cust), []string{"email"})
	// The concatenated literal's lines are the .ts file's.
	eq(t, "customers at", cust.Source, facts.Location{Path: "src/migrations/1700000000000-Orders.ts", Line: 6})
	eq(t, "email at", cust.Column("email").At.Line, 7)
	orders := table(t, s.Tables, "orders")
	eq(t, "orders fks", fks(orders), []string{"customerId->customers(id) set null"})
	eq(t, "orders fk line", orders.ForeignKeys[0].At.Line, 13)
	notes := table(t, s.Tables, "notes")
	eq(t, "notes columns", cols(notes), []string{"id serial", "body varchar(500) null", "orderId integer"})
	eq(t, "notes fks", fks(notes), []string{"orderId->orders(id) cascade"})
	eq(t, "reversible", s.Migrations[0].Reversible, "yes")
	if len(s.Migrations[0].Destructive) != 0 {
		t.Errorf("drops in down() are not destructive steps of up(): %v", s.Migrations[0].Destructive)
	}
}

func TestTypeORMSQLExtraction(t *testing.T) {
	// The SQL handed to the parser keeps every literal at its offset,
	// resolves escapes, blanks interpolations and ends each query.
	var got string
	restore := readSQL
	defer func() { readSQL = restore }()
	readSQL = func(path string, line int, data []byte) schema.SQLFile {
		got = string(data)
		return schema.SQLFile{}
	}
	src := "up(q) {\n  q.query(\"ALTER TABLE \\\"a\\\" \" +\n \"ADD x int\", [1]);\n  q.query(`DROP ${name} y`);\n  other(`CREATE TABLE z (id int)`);\n}"
	readTypeORMMigration(scan.File{Path: "migrations/1-a.ts", Data: []byte("class A implements MigrationInterface { async " + src + " async down() {} }")})
	lines := strings.Split(got, "\n")
	if len(lines) != 6 {
		t.Fatalf("line count changed: %q", got)
	}
	eq(t, "line 2", strings.TrimSpace(lines[1]), `ALTER TABLE "a"`)
	eq(t, "line 3", strings.TrimSpace(lines[2]), "ADD x int;")
	eq(t, "line 4", strings.Join(strings.Fields(lines[3]), " "), "DROP y;")
	if strings.Contains(got, "CREATE") {
		t.Errorf("SQL outside a query() call was read: %q", got)
	}
}

func TestTypeORMEmptyDownAndNotAMigration(t *testing.T) {
	res := readTypeORMMigration(scan.File{Path: "src/migrations/1-x.ts", Data: []byte(`export class X implements MigrationInterface {
  async up(queryRunner: QueryRunner) { await queryRunner.query('DROP TABLE "old"'); }
  async down(queryRunner: QueryRunner) {}
}`)})
	if len(res.Migrations) != 1 {
		t.Fatal("no migration")
	}
	m := res.Migrations[0]
	eq(t, "reversible", m.Reversible, "no")
	eq(t, "destructive", len(m.Destructive), 1)
	// A service that runs queries is no migration.
	s := readAll(t, map[string]string{"src/users/users.service.ts": "export class S { async up() { await this.queryRunner.query('CREATE TABLE t (id int)'); } }"})
	if len(s.Tables) != 0 {
		t.Errorf("read a table outside a migrations folder: %+v", s.Tables)
	}
}

const typeormEntities = `import { Entity, Column, PrimaryGeneratedColumn, ManyToOne, ManyToMany, JoinTable, JoinColumn, OneToOne, Index, CreateDateColumn } from 'typeorm';

export abstract class Base {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity()
export class UserProfile extends Base {
  @Column({ length: 80, nullable: true })
  displayName?: string
  @Column('decimal', { precision: 10, scale: 2, default: 0 })
  balance: number
}

@Entity({ name: 'articles' })
@Index(['title', 'author'], { unique: true })
export class Article {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column()
  title: string;

  @Column({ type: 'float' })
  rating: number;

  @ManyToOne(() => UserProfile, (u) => u.articles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author: UserProfile;

  @OneToOne(type => Cover)
  @JoinColumn()
  cover: Cover;

  @ManyToMany(() => Tag)
  @JoinTable()
  tags: Tag[];

  @Column({ nullable: true })
  author_id: number;

  @Column({ type: 'enum', enum: ['draft', 'published'], default: 'draft' })
  status: string;

  private cache: Map<string, string>;

  slugify(): string { return this.title; }
}
`

func TestTypeORMEntities(t *testing.T) {
	res := readTypeORMEntities(scan.File{Path: "src/entities.ts", Data: []byte(typeormEntities)})
	var names []string
	for _, tb := range res.Models {
		names = append(names, tb.Name)
	}
	// default names are the class name in snake_case; the abstract base
	// is no table; the junction is articles_tags_tag
	eq(t, "tables", names, []string{"user_profile", "articles", "articles_tags_tag"})
	up := table(t, res.Models, "user_profile")
	eq(t, "user_profile columns", cols(up), []string{"id uuid", "createdAt timestamptz =now()", "displayName varchar(80) null", "balance decimal(10,2) =0"})
	eq(t, "user_profile pk", up.PrimaryKey, []string{"id"})
	art := table(t, res.Models, "articles")
	eq(t, "articles columns", cols(art), []string{"id serial", "title varchar", "rating float", "author_id integer null", "coverId integer null", "status enum ='draft'"})
	eq(t, "articles fks", fks(art), []string{"author_id->user_profile(id) cascade", "coverId->cover(id) "})
	eq(t, "articles indexes", idxs(art), []string{"title", "coverId unique", "title,author_id unique"})
	jt := table(t, res.Models, "articles_tags_tag")
	eq(t, "junction columns", cols(jt), []string{"articlesId integer", "tagId integer"})
	eq(t, "junction pk", jt.PrimaryKey, []string{"articlesId", "tagId"})
	eq(t, "junction fks", fks(jt), []string{"articlesId->articles(id) cascade", "tagId->tag(id) cascade"})
}

func TestTypeORMEntitiesNeedEntity(t *testing.T) {
	res := readTypeORMEntities(scan.File{Path: "src/dto.ts", Data: []byte("export class CreateUserDto {\n  @IsEmail()\n  email: string;\n}\n")})
	if len(res.Models) != 0 {
		t.Fatalf("a DTO became a table: %+v", res.Models)
	}
}
