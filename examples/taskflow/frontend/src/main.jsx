import React, { useEffect, useState } from "react";
import ReactDOM from "react-dom/client";

const API_URL = import.meta.env.VITE_API_URL ?? "http://localhost:8000";

function App() {
  const [tasks, setTasks] = useState([]);

  useEffect(() => {
    fetch(`${API_URL}/tasks`)
      .then((res) => res.json())
      .then(setTasks)
      .catch(console.error);
  }, []);

  return (
    <main>
      <h1>taskflow</h1>
      <ul>
        {tasks.map((t) => (
          <li key={t.id}>{t.done ? "✓ " : ""}{t.title}</li>
        ))}
      </ul>
    </main>
  );
}

ReactDOM.createRoot(document.getElementById("root")).render(<App />);
