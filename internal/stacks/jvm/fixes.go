package jvm

import "github.com/vetfolio/vetfolio/internal/stacks/pack"

// fixes are the Java/Kotlin group's fix texts by check ID.
var fixes = pack.Fixes{}
