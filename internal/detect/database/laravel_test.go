package database

import (
	"testing"

	"github.com/vetfolio/vetfolio/rules/facts"
)

// A pack's migration tool missing from toolOrder (laravel) still counts,
// and the php pack's Skip leaves the skeleton's migrations out.
func TestLaravelMigrationsFromThePack(t *testing.T) {
	st := facts.Stack{Language: "php", Framework: "laravel", Dependencies: deps("laravel/framework")}
	stock := map[string]string{
		"database/migrations/0001_01_01_000000_create_users_table.php": "<?php Schema::create('users', function (Blueprint $table) { $table->id(); });\n",
		"database/migrations/0001_01_01_000001_create_cache_table.php": "<?php Schema::create('cache', function (Blueprint $table) { $table->string('key'); });\n",
		"app/Models/User.php": "<?php\nclass User extends Authenticatable {}\n",
	}
	f := run(t, st, stock)
	check(t, f, want{relational: false, orm: "eloquent", models: 1})

	own := map[string]string{
		"database/migrations/2024_09_03_090000_create_venues_table.php": "<?php Schema::create('venues', function (Blueprint $table) { $table->id(); });\n",
		"database/migrations/2024_09_03_091500_create_events_table.php": "<?php Schema::create('events', function (Blueprint $table) {\n  $table->foreignId('venue_id')->constrained();\n});\n",
		"app/Models/Event.php": "<?php\nclass Event extends Model {\n  public function venue() { return $this->belongsTo(Venue::class); }\n}\n",
	}
	for p, src := range stock {
		own[p] = src
	}
	f = run(t, st, own)
	check(t, f, want{relational: false, orm: "eloquent", models: 2, tool: "laravel", count: 2, dir: "database/migrations", relations: true})
}
