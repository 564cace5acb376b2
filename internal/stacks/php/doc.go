// Package php is vetfolio's knowledge of PHP backends and of Laravel, the
// framework nearly every PHP portfolio API is written in: where routes,
// migrations, models and their relations, authentication and its route
// protection, error handling, logging, OpenAPI generators and tests live,
// and how to tell Laravel's stock skeleton files (the users/cache/jobs
// migrations, tests/Feature/ExampleTest.php) from the candidate's own work.
//
// Every function here is pure: file paths and comment-blanked contents in,
// facts out.
package php
