<?php

namespace App\Http\Controllers;

use App\Models\Event;
use App\Models\Ticket;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Log;
use OpenApi\Attributes as OA;

class TicketController extends Controller
{
    #[OA\Get(path: '/api/events/{event}/tickets', summary: 'My tickets for an event', tags: ['tickets'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 200, description: 'A page of tickets'),
            new OA\Response(response: 404, description: 'No such event'),
        ])]
    public function index(Request $request, Event $event): JsonResponse
    {
        return response()->json(
            $event->tickets()->where('user_id', $request->user()->id)->paginate(20)
        );
    }

    #[OA\Post(path: '/api/events/{event}/tickets', summary: 'Book a ticket', tags: ['tickets'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 201, description: 'Ticket booked'),
            new OA\Response(response: 409, description: 'Sold out'),
            new OA\Response(response: 422, description: 'Invalid input'),
        ])]
    public function store(Request $request, Event $event): JsonResponse
    {
        $data = $request->validate(['quantity' => ['required', 'integer', 'min:1', 'max:6']]);

        return DB::transaction(function () use ($request, $event, $data) {
            if ($event->tickets()->lockForUpdate()->sum('quantity') + $data['quantity'] > $event->venue->capacity) {
                return response()->json(['message' => 'Sold out.'], 409);
            }
            $ticket = $event->tickets()->create([
                'user_id' => $request->user()->id,
                'quantity' => $data['quantity'],
            ]);
            Log::info('ticket booked', ['ticket_id' => $ticket->id, 'event_id' => $event->id]);

            return response()->json($ticket, 201);
        });
    }

    #[OA\Delete(path: '/api/tickets/{ticket}', summary: 'Give a ticket back', tags: ['tickets'], security: [['sanctum' => []]],
        responses: [
            new OA\Response(response: 204, description: 'Ticket cancelled'),
            new OA\Response(response: 403, description: 'Not your ticket'),
            new OA\Response(response: 404, description: 'No such ticket'),
        ])]
    public function destroy(Request $request, Ticket $ticket): JsonResponse
    {
        abort_unless($ticket->user_id === $request->user()->id, 403, 'Not your ticket.');
        $ticket->delete();

        return response()->json(null, 204);
    }
}
