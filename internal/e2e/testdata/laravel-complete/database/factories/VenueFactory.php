<?php

namespace Database\Factories;

use Illuminate\Database\Eloquent\Factories\Factory;

class VenueFactory extends Factory
{
    public function definition(): array
    {
        return [
            'name' => fake()->company().' Hall',
            'city' => fake()->city(),
            'capacity' => fake()->numberBetween(50, 800),
        ];
    }
}
