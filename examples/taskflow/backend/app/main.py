import json
import os
from datetime import datetime, timezone

import redis
from fastapi import FastAPI, HTTPException
from motor.motor_asyncio import AsyncIOMotorClient
from pydantic import BaseModel
from sqlalchemy import create_engine, text

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://taskflow:taskflow@localhost:5432/taskflow")
MONGO_URL = os.getenv("MONGO_URL", "mongodb://localhost:27017/taskflow")
REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")

engine = create_engine(DATABASE_URL, pool_pre_ping=True)
mongo = AsyncIOMotorClient(MONGO_URL)
events = mongo.get_default_database()["task_events"]
cache = redis.Redis.from_url(REDIS_URL, decode_responses=True)

app = FastAPI(title="taskflow")


class TaskIn(BaseModel):
    title: str
    done: bool = False


@app.on_event("startup")
def create_tables() -> None:
    with engine.begin() as conn:
        conn.execute(text(
            "CREATE TABLE IF NOT EXISTS tasks ("
            "id SERIAL PRIMARY KEY, title TEXT NOT NULL, done BOOLEAN NOT NULL DEFAULT FALSE)"
        ))


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/tasks")
def list_tasks():
    cached = cache.get("tasks:all")
    if cached:
        return json.loads(cached)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, title, done FROM tasks ORDER BY id")).mappings().all()
    tasks = [dict(r) for r in rows]
    cache.setex("tasks:all", 30, json.dumps(tasks))
    return tasks


@app.post("/tasks", status_code=201)
async def create_task(task: TaskIn):
    with engine.begin() as conn:
        row = conn.execute(
            text("INSERT INTO tasks (title, done) VALUES (:title, :done) RETURNING id, title, done"),
            {"title": task.title, "done": task.done},
        ).mappings().one()
    cache.delete("tasks:all")
    await events.insert_one({"task_id": row["id"], "type": "created", "at": datetime.now(timezone.utc)})
    return dict(row)


@app.get("/tasks/{task_id}")
def get_task(task_id: int):
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, title, done FROM tasks WHERE id = :id"), {"id": task_id}
        ).mappings().first()
    if row is None:
        raise HTTPException(status_code=404, detail="task not found")
    return dict(row)
