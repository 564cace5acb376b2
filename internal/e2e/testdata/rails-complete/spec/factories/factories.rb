FactoryBot.define do
  factory :user do
    name { "Reader" }
    sequence(:email) { |n| "reader#{n}@example.com" }
    password { "correct horse battery" }
  end

  factory :book do
    user
    title { "The Left Hand of Darkness" }
    author { "Ursula K. Le Guin" }
    status { "to_read" }
  end

  factory :review do
    book
    user
    rating { 4 }
    body { "Cold planet, warm book." }
  end
end
