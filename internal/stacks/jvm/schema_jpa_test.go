package jvm

import (
	"bytes"
	"strings"
	"testing"

	"github.com/vetfolio/vetfolio/internal/scan"
	"github.com/vetfolio/vetfolio/internal/schema"
	"github.com/vetfolio/vetfolio/internal/schema/schematest"
)

func models(t *testing.T, files ...string) string {
	t.Helper()
	var found []schema.Found
	for i := 0; i+1 < len(files); i += 2 {
		f := scan.File{Path: files[i], Data: []byte(files[i+1])}
		if JPAReader.Path.MatchString(f.Path) && bytes.Contains(f.Data, []byte("@Entity")) {
			found = append(found, schema.Found{Tool: JPAReader.Tool, Result: JPAReader.Read(f)})
		}
	}
	s := schema.Build(found)
	if len(s.Tables) > 0 && (s.Source != "models" || s.Tool != "jpa") {
		t.Errorf("source %q tool %q", s.Source, s.Tool)
	}
	return strings.TrimSpace(schematest.Compact(s.Tables))
}

func TestJPAJavaEntities(t *testing.T) {
	got := models(t, "src/main/java/shop/Order.java", `package shop;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.util.*;

@Entity
@Table(name = "orders", uniqueConstraints = @UniqueConstraint(columnNames = {"customer_id", "code"}),
       indexes = { @Index(name = "ix_placed", columnList = "placed_at DESC") })
public class Order {
    public static final int MAX = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 20)
    private String code;

    @Column(precision = 10, scale = 2)
    private BigDecimal total;

    private BigDecimal tax;
    private double weight;
    private Float ratio;
    private boolean paid;
    private java.time.LocalDateTime placedAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 12)
    private Status status;

    @jakarta.validation.constraints.Size(max = 40)
    private String nickname;

    @Lob
    private String notes;

    @Transient
    private String scratch;

    @ManyToOne(optional = false)
    @JoinColumn(name = "customer_id")
    private Customer customer;

    @OneToOne
    private Invoice invoice;

    @OneToMany(mappedBy = "order")
    private List<Line> lines = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "order_tags", joinColumns = @JoinColumn(name = "order_id"), inverseJoinColumns = @JoinColumn(name = "tag_id"))
    private Set<Tag> tags = new HashSet<>();

    protected Order() {}

    public Long getId() { return id; }

    public void setCode(String code) { this.code = code; }

    public enum Status { NEW, PAID }
}
`)
	want := `orders(id)
  id bigint
  code varchar(20)
  total numeric(10,2) null
  tax numeric(38,2) null
  weight double
  ratio float null
  paid boolean
  placed_at timestamp null
  status varchar(12) null
  nickname varchar(40) null
  notes text null
  customer_id bigint
  invoice_id bigint null
  fk customer_id -> customer(id)
  fk invoice_id -> invoice(id)
  unique index invoice_id
  unique index customer_id,code
  index placed_at
order_tags(order_id,tag_id)
  order_id bigint
  tag_id bigint
  fk order_id -> orders(id)
  fk tag_id -> tag(id)`
	if got != want {
		t.Errorf("models:\n%s\nwant:\n%s", got, want)
	}
}

func TestJPAKotlinEntities(t *testing.T) {
	got := models(t, "src/main/kotlin/rooms/Entities.kt", `package rooms

import jakarta.persistence.*

@Entity
class AppUser(
    @Column(nullable = false, unique = true)
    var email: String,
    @field:NotBlank
    var displayName: String,
    var age: Int,
    var score: Int?,
    @Id @GeneratedValue
    var id: Long? = null,
)

@Entity
@Table(name = "rooms")
class Room(
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id", nullable = false)
    val owner: AppUser,
    @ManyToMany
    var members: MutableList<AppUser> = mutableListOf(),
) {
    @Id
    @GeneratedValue
    var id: Long = 0

    @Column(length = 80)
    lateinit var title: String

    fun rename(t: String) = run { title = t }

    companion object {
        const val MAX = 3
    }
}

class NotAnEntity(var x: String)
`)
	want := `app_user(id)
  email varchar(255)
  display_name varchar(255)
  age integer
  score integer null
  id bigint
  unique index email
rooms(id)
  owner_id bigint
  id bigint
  title varchar(80) null
  fk owner_id -> app_user(id)
rooms_members()
  room_id bigint
  members_id bigint
  fk room_id -> rooms(id)
  fk members_id -> app_user(id)`
	if got != want {
		t.Errorf("models:\n%s\nwant:\n%s", got, want)
	}
}

func TestJPANotEntities(t *testing.T) {
	// A class that only mentions @Entity in a comment, an @Embeddable, and
	// a DTO are no tables.
	got := models(t,
		"src/main/java/a/Dto.java", "// @Entity is not here\npublic class Dto { private String name; }",
		"src/main/java/a/Addr.java", "@Embeddable\npublic class Addr { private String street; }\n/* @Entity */")
	if got != "" {
		t.Errorf("tables from no entity:\n%s", got)
	}
	if snakeCase("AppUser") != "app_user" || snakeCase("HTTPLog") != "http_log" || snakeCase("passwordHash") != "password_hash" {
		t.Error("snake case")
	}
}

// FuzzJPA: half-written entities must never panic and every table points
// at a line of the file.
func FuzzJPA(f *testing.F) {
	for _, s := range []string{
		"@Entity @Table(name = \"a\") public class A { @Id private Long id; @ManyToOne @JoinColumn(name = \"b\") private B b; }",
		"@Entity class A(@Id var id: Long? = null, @ManyToMany var b: Set<B>)", "@Entity class", "@Entity public class A { private List<", "@Entity @Table(indexes = @Index(",
		"@Entity class A { fun x() = 1\n val y: Int = 2 }", "@Entity\n@",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, kotlin bool) {
		p := "A.java"
		if kotlin {
			p = "A.kt"
		}
		lines := bytes.Count(data, []byte{'\n'}) + 1
		for _, tb := range readJPA(scan.File{Path: p, Data: data}).Models {
			if tb.Source.Line < 1 || tb.Source.Line > lines {
				t.Fatalf("table at line %d of %d", tb.Source.Line, lines)
			}
		}
	})
}
