<?php

namespace App\Http\Middleware;

use Closure;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Log;
use Symfony\Component\HttpFoundation\Response;

// One structured line per API request: method, path, status and duration.
class LogRequests
{
    public function handle(Request $request, Closure $next): Response
    {
        $started = microtime(true);
        $response = $next($request);

        Log::info('request', [
            'method' => $request->method(),
            'path' => $request->path(),
            'status' => $response->getStatusCode(),
            'ms' => (int) round((microtime(true) - $started) * 1000),
            'user_id' => $request->user()?->id,
        ]);

        return $response;
    }
}
