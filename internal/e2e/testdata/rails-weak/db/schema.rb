ActiveRecord::Schema[7.1].define(version: 2024_03_01_120000) do
  enable_extension "plpgsql"

  create_table "todos", force: :cascade do |t|
    t.string "title"
    t.boolean "done"
    t.datetime "created_at", null: false
    t.datetime "updated_at", null: false
  end
end
