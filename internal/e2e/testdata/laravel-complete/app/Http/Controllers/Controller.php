<?php

namespace App\Http\Controllers;

use OpenApi\Attributes as OA;

#[OA\Info(version: '1.0.0', title: 'Gigs API', description: 'Venues, events and tickets for small music venues.')]
#[OA\Server(url: 'https://gigs-api.fly.dev', description: 'Production')]
#[OA\SecurityScheme(securityScheme: 'sanctum', type: 'http', scheme: 'bearer', description: 'Personal access token from POST /api/auth/login')]
abstract class Controller
{
}
