package php

import (
	"strings"

	"github.com/vetfolio/vetfolio/internal/scan"
)

// IsMigration says p is a Laravel migration: a PHP file in a
// database/migrations folder (also a module's Database/Migrations).
func IsMigration(p string) bool {
	low := strings.ToLower(p)
	return strings.HasSuffix(low, ".php") &&
		(strings.HasPrefix(low, "database/migrations/") || strings.Contains(low, "/database/migrations/"))
}

// migrationName strips the timestamp: 2024_09_03_090000_create_venues_table.
var migrationStamp = scan.MustCompile(`^\d{4}_\d{2}_\d{2}_\d{6}_`)

// stockMigrations are the migrations Laravel's skeleton, `php artisan
// install:api` and the usual packages write on their own (by name, without
// the timestamp and .php). They are not the candidate's schema work.
var stockMigrations = map[string]bool{
	// laravel new (5.x-10: users, password resets, failed jobs; 8-10: Sanctum's tokens; 11+: cache, jobs)
	"create_users_table": true, "create_password_resets_table": true, "create_password_reset_tokens_table": true,
	"create_failed_jobs_table": true, "create_personal_access_tokens_table": true,
	"create_cache_table": true, "create_jobs_table": true, "create_sessions_table": true,
	"create_job_batches_table": true, "create_notifications_table": true,
	// Passport
	"create_oauth_auth_codes_table": true, "create_oauth_access_tokens_table": true,
	"create_oauth_refresh_tokens_table": true, "create_oauth_clients_table": true,
	"create_oauth_personal_access_clients_table": true, "create_oauth_device_codes_table": true,
	// Telescope, Pulse, spatie packages
	"create_telescope_entries_table": true, "create_pulse_tables": true, "create_permission_tables": true,
	"create_activity_log_table": true, "add_event_column_to_activity_log_table": true,
	"add_batch_uuid_column_to_activity_log_table": true, "create_media_table": true,
	"create_stored_events_table": true, "create_snapshots_table": true, "add_two_factor_columns_to_users_table": true,
}

var (
	usersCreate = scan.MustCompile(`Schema::create\(\s*['"]users['"]`)
	columnName  = scan.MustCompile(`\$table\s*->\s*\w+\s*\(\s*['"](\w+)['"]`)
	// foreign keys: foreignId('x')->constrained(), foreignIdFor(Model::class),
	// foreign('x')->references('id')->on('t').
	foreignKey = scan.MustCompile(`->\s*constrained\s*\(|->\s*foreignIdFor\s*\(|->\s*foreign\s*\([^;]*->\s*references\s*\(|->\s*foreignUuid\s*\([^;]*->\s*constrained`)
)

// stockUserColumns are the columns of the skeleton's users table.
var stockUserColumns = map[string]bool{
	"id": true, "name": true, "email": true, "email_verified_at": true, "password": true,
	"remember_token": true, "created_at": true, "updated_at": true,
}

// StockMigration says a migration file is, by its name, one the skeleton or
// a package writes (create_users_table, create_cache_table, Passport's
// oauth tables...). When the content cannot be read it is the safer guess;
// OwnMigration refines it with the content.
func StockMigration(p string) bool {
	return stockMigrations[migrationName(p)]
}

func migrationName(p string) string {
	base := strings.TrimSuffix(p[strings.LastIndex(p, "/")+1:], ".php")
	if loc := migrationStamp.FindStringIndex(base); loc != nil {
		return base[loc[1]:]
	}
	return base
}

// OwnMigration says whether a migration is the project's own work. The
// stock ones (stockMigrations) are not, except a skeleton users migration
// the candidate edited to add columns of their own (username, bio, role).
func OwnMigration(p string, code []byte) bool {
	name := migrationName(p)
	if !stockMigrations[name] {
		return true
	}
	if name != "create_users_table" {
		return false
	}
	at := usersCreate.FindIndex(code)
	if at == nil {
		return false
	}
	open := indexIn(code, at[1], len(code), "{")
	if open < 0 {
		return false
	}
	end := matchBrace(code, open, len(code))
	if end < 0 {
		end = len(code)
	}
	for _, m := range columnName.FindAllSubmatch(code[open:end], -1) {
		if !stockUserColumns[string(m[1])] {
			return true
		}
	}
	return false
}

// ForeignKeys lists the offsets of foreign keys a migration declares.
func ForeignKeys(code []byte) []int {
	var out []int
	for _, m := range foreignKey.FindAllIndex(code, -1) {
		out = append(out, m[0])
	}
	return out
}
