package php

import "github.com/vetfolio/vetfolio/internal/scan"

var (
	// An Eloquent model: extends Model, Authenticatable (the User), Pivot.
	eloquentModel = scan.MustCompile(`(?m)^\s*(?:final\s+|abstract\s+)?class\s+(\w+)\s+extends\s+(?:\\?[\w\\]*\\)?(?:Model|Authenticatable|Pivot|MorphPivot|User)\b`)
	// Eloquent relations, declared as methods returning $this->hasMany(...).
	eloquentRelation = scan.MustCompile(`\$this\s*->\s*(belongsTo|hasMany|hasOne|belongsToMany|morphTo|morphMany|morphOne|morphToMany|morphedByMany|hasManyThrough|hasOneThrough)\s*\(`)
)

// Models lists the Eloquent model classes declared in a comment-blanked
// PHP file, with their offsets.
func Models(code []byte) (names []string, offsets []int) {
	for _, m := range eloquentModel.FindAllSubmatchIndex(code, -1) {
		names = append(names, string(code[m[2]:m[3]]))
		offsets = append(offsets, m[2])
	}
	return names, offsets
}

// Relations lists the Eloquent relation kinds a file declares, with their
// offsets.
func Relations(code []byte) (kinds []string, offsets []int) {
	for _, m := range eloquentRelation.FindAllSubmatchIndex(code, -1) {
		kinds = append(kinds, string(code[m[2]:m[3]]))
		offsets = append(offsets, m[0])
	}
	return kinds, offsets
}
