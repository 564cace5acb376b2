package e2e

import (
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/schema/schematest"
	"github.com/vetfolio/vetfolio/rules/facts"
)

// schemaCase is the schema a reviewer reads in a fixture of the Rails,
// Laravel, EF Core and JPA readers.
type schemaCase struct {
	dir, source, tool string
	// tables is schematest.Compact of the schema's tables (or, with
	// models set, of the JPA models, which sit in Schema.Models once a
	// migration reader reads the project's Flyway scripts).
	tables string
	models bool
	// reversible is each migration's Reversible, in order.
	reversible []string
}

var schemaRPDCases = []schemaCase{
	// Rails: the two own migrations and the active_storage tables the
	// engine copied; the implicit id, timestamps NOT NULL, references
	// with their index and (foreign_key:) their key.
	{dir: "rails-complete", source: "migrations", tool: "rails", reversible: []string{"yes", "yes", "yes"}, tables: `
users(id)
  id bigint
  name varchar
  email varchar
  password_digest varchar
  created_at timestamp
  updated_at timestamp
  unique index email
books(id)
  id bigint
  user_id bigint
  title varchar
  author varchar
  isbn varchar null
  status varchar =to_read
  finished_on date null
  created_at timestamp
  updated_at timestamp
  fk user_id -> users(id) on delete cascade
  index user_id
reviews(id)
  id bigint
  book_id bigint
  user_id bigint
  rating integer
  body text null
  created_at timestamp
  updated_at timestamp
  fk book_id -> books(id) on delete cascade
  fk user_id -> users(id)
  index book_id
  index user_id
  unique index user_id,book_id
active_storage_blobs(id)
  id bigint
  key varchar
  filename varchar
  content_type varchar null
  metadata text null
  service_name varchar
  byte_size bigint
  checksum varchar null
  created_at timestamp
  unique index key
active_storage_attachments(id)
  id bigint
  name varchar
  record_type varchar
  record_id bigint
  blob_id bigint
  created_at timestamp
  fk blob_id -> active_storage_blobs(id)
  index blob_id
  unique index record_type,record_id,name,blob_id
active_storage_variant_records(id)
  id bigint
  blob_id bigint
  variation_digest varchar
  fk blob_id -> active_storage_blobs(id)
  unique index blob_id,variation_digest`},
	// No migrations: the committed db/schema.rb.
	{dir: "rails-weak", source: "snapshot", tool: "rails", tables: `
todos(id)
  id bigint
  title varchar null
  done boolean null
  created_at timestamp
  updated_at timestamp`},
	// Laravel: the skeleton's tables are in the schema too; timestamps()
	// are nullable; foreignId()->constrained() has a key and no index.
	{dir: "laravel-complete", source: "migrations", tool: "laravel", reversible: []string{"yes", "yes", "yes", "yes", "yes", "yes", "yes"}, tables: laravelSkeleton + `
personal_access_tokens(id)
  id bigint
  tokenable_type varchar(255)
  tokenable_id bigint
  name varchar(255)
  token varchar(64)
  abilities text null
  last_used_at timestamp null
  expires_at timestamp null
  created_at timestamp null
  updated_at timestamp null
  index tokenable_type,tokenable_id
  unique index token
venues(id)
  id bigint
  name varchar(120)
  city varchar(80)
  capacity integer
  created_at timestamp null
  updated_at timestamp null
  index city
events(id)
  id bigint
  venue_id bigint
  organiser_id bigint
  title varchar(160)
  starts_at timestamp
  price_cents integer
  created_at timestamp null
  updated_at timestamp null
  fk venue_id -> venues(id) on delete cascade
  fk organiser_id -> users(id)
  index starts_at
tickets(id)
  id bigint
  event_id bigint
  user_id bigint
  quantity smallint
  created_at timestamp null
  updated_at timestamp null
  fk event_id -> events(id) on delete cascade
  fk user_id -> users(id) on delete cascade
  index event_id,user_id`},
	{dir: "laravel-weak", source: "migrations", tool: "laravel", reversible: []string{"yes", "yes", "yes", "yes"}, tables: laravelSkeleton + `
products(id)
  id bigint
  name varchar(255)
  description text null
  price decimal(8,2)
  created_at timestamp null
  updated_at timestamp null`},
	// EF Core: the migrations, not the .Designer.cs or the snapshot.
	{dir: "aspnet-complete", source: "migrations", tool: "efcore", reversible: []string{"yes", "yes"}, tables: `
Users(Id)
  Id integer
  Email text
  DisplayName text
  PasswordHash text
  CreatedAt timestamptz
  unique index Email
Projects(Id)
  Id integer
  Name text
  Description text null
  CreatedAt timestamptz
  OwnerId integer
  fk OwnerId -> Users(Id) on delete cascade
  index OwnerId
Tasks(Id)
  Id integer
  Title text
  Status integer
  DueDate date null
  ProjectId integer
  fk ProjectId -> Projects(Id) on delete cascade
  index ProjectId
Labels(Id)
  Id integer
  Name text
  Color text
  unique index Name
TaskLabels(LabelsId,TasksId)
  LabelsId integer
  TasksId integer
  fk LabelsId -> Labels(Id) on delete cascade
  fk TasksId -> Tasks(Id) on delete cascade
  index TasksId`},
	// JPA, Kotlin: the entities share a file, so the join columns'
	// foreign keys name the tables @Table gives.
	{dir: "spring-gradle-kotlin-complete", models: true, tables: `
users(id)
  email varchar(255)
  password_hash varchar(255)
  id bigint
  unique index email
rooms(id)
  name varchar(255) null
  seats integer
  owner_id bigint
  id bigint
  fk owner_id -> users(id)
bookings(id)
  room_id bigint
  guest_id bigint
  starts_at timestamptz null
  ends_at timestamptz null
  id bigint
  fk room_id -> rooms(id)
  fk guest_id -> users(id)`},
	// JPA, Java: one entity a file. A reader sees one file at a time and
	// names the other entity's default table (app_user); the entity's own
	// file gives the alias to its @Table name, so the keys point at users.
	{dir: "spring-maven-complete", models: true, tables: `
users(id)
  id bigint
  email varchar(255)
  password_hash varchar(255)
  unique index email
events(id)
  id bigint
  title varchar(255) null
  starts_at timestamptz null
  capacity integer
  organizer_id bigint
  fk organizer_id -> users(id)
tickets(id)
  id bigint
  event_id bigint
  holder_id bigint
  booked_at timestamptz null
  fk event_id -> events(id)
  fk holder_id -> users(id)`},
}

const laravelSkeleton = `
users(id)
  id bigint
  name varchar(255)
  email varchar(255)
  email_verified_at timestamp null
  password varchar(255)
  remember_token varchar(100) null
  created_at timestamp null
  updated_at timestamp null
  unique index email
password_reset_tokens(email)
  email varchar(255)
  token varchar(255)
  created_at timestamp null
sessions(id)
  id varchar(255)
  user_id bigint null
  ip_address varchar(45) null
  user_agent text null
  payload text
  last_activity integer
  index user_id
  index last_activity
cache(key)
  key varchar(255)
  value text
  expiration integer
cache_locks(key)
  key varchar(255)
  owner varchar(255)
  expiration integer
jobs(id)
  id bigint
  queue varchar(255)
  payload text
  attempts smallint
  reserved_at integer null
  available_at integer
  created_at integer
  index queue
failed_jobs(id)
  id bigint
  uuid varchar(255)
  connection text
  queue text
  payload text
  exception text
  failed_at timestamp =CURRENT_TIMESTAMP
  unique index uuid`

func TestSchemaRailsLaravelDotnetJPA(t *testing.T) {
	for _, tc := range schemaRPDCases {
		t.Run(tc.dir, func(t *testing.T) {
			t.Parallel()
			plan := weakPlan()
			if strings.HasSuffix(tc.dir, "-complete") {
				plan = completePlan()
			}
			s := runAudit(t, build(t, tc.dir, plan), tc.dir).Facts.Schema
			var got []facts.Table
			if tc.models {
				// Models are the tables until the Flyway reader reads
				// the migrations; then they are kept beside them.
				got = s.Models
				if s.Source == "models" {
					got = s.Tables
				}
				if s.Source != "models" && s.Source != "migrations" {
					t.Fatalf("source %q", s.Source)
				}
			} else {
				got = s.Tables
				if s.Source != tc.source || s.Tool != tc.tool {
					t.Errorf("source %q tool %q, want %q %q", s.Source, s.Tool, tc.source, tc.tool)
				}
				var rev []string
				for _, m := range s.Migrations {
					rev = append(rev, m.Reversible)
				}
				if strings.Join(rev, " ") != strings.Join(tc.reversible, " ") {
					t.Errorf("reversible %v, want %v", rev, tc.reversible)
				}
			}
			if g := strings.TrimSpace(schematest.Compact(got)); g != strings.TrimSpace(tc.tables) {
				t.Errorf("schema of %s:\n%s\nwant:\n%s", tc.dir, g, strings.TrimSpace(tc.tables))
			}
			for _, tb := range got {
				if tb.Source.Path == "" || tb.Source.Line < 1 {
					t.Errorf("table %s has no source line: %+v", tb.Name, tb.Source)
				}
			}
		})
	}
}
