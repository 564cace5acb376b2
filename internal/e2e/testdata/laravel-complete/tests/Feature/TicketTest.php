<?php

namespace Tests\Feature;

use App\Models\Event;
use App\Models\User;
use App\Models\Venue;
use Illuminate\Foundation\Testing\RefreshDatabase;
use Laravel\Sanctum\Sanctum;
use Tests\TestCase;

class TicketTest extends TestCase
{
    use RefreshDatabase;

    public function test_a_sold_out_event_refuses_a_booking(): void
    {
        Sanctum::actingAs(User::factory()->create());
        $event = Event::factory()->for(Venue::factory()->state(['capacity' => 2]))->create();

        $this->postJson("/api/events/{$event->id}/tickets", ['quantity' => 2])->assertCreated();
        $this->postJson("/api/events/{$event->id}/tickets", ['quantity' => 1])->assertStatus(409);
    }

    public function test_someone_else_cannot_cancel_my_ticket(): void
    {
        $owner = User::factory()->create();
        $event = Event::factory()->create();
        $ticket = $event->tickets()->create(['user_id' => $owner->id, 'quantity' => 1]);

        Sanctum::actingAs(User::factory()->create());
        $this->deleteJson("/api/tickets/{$ticket->id}")->assertForbidden();
    }
}
