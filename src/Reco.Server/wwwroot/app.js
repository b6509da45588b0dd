// The page over the /v1 API: pick a user, see their history and recommendations, and move the diversity slider.
"use strict";

const $ = (id) => document.getElementById(id);
let users = [];
let pending = null;
// The server's largest k, from /v1/model; the k control and its default are kept within it.
let maxK = 100;

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.detail || body.title || `${response.status} ${response.statusText}`);
  }
  return body;
}

function item(entry, withScore, digits = 3) {
  const li = document.createElement("li");
  li.dataset.id = entry.id;
  const label = document.createElement("span");
  label.className = "label";
  label.textContent = entry.label;
  li.append(label);
  if (withScore) {
    const score = document.createElement("span");
    score.className = "score";
    score.textContent = entry.score.toFixed(digits);
    li.append(score);
  }
  return li;
}

async function showModel() {
  try {
    const model = await getJson("/v1/model");
    if (Number.isInteger(model.max_k) && model.max_k >= 1) {
      maxK = model.max_k;
      $("k").max = String(maxK);
      if (Number($("k").value) > maxK) $("k").value = String(maxK);
    }
    $("model-info").textContent = `${model.model} version ${model.version} · ${model.index} index · ${model.users.toLocaleString()} users, ${model.items.toLocaleString()} items`;
    return model;
  } catch (error) {
    $("model-info").textContent = error.message;
    return null;
  }
}

async function loadUsers() {
  const page = await getJson("/v1/users?limit=2000");
  users = page.users;
  const list = $("user-ids");
  list.replaceChildren(...users.map((id) => Object.assign(document.createElement("option"), { value: id })));
  if (!$("user").value && users.length > 0) {
    $("user").value = users[0];
  }
}

async function showHistory(user) {
  const history = await getJson(`/v1/users/${encodeURIComponent(user)}/history?limit=200`);
  $("history-count").textContent = `(${history.total})`;
  $("history").replaceChildren(...history.items.map((entry) => item(entry, true, 1)));
}

async function showRecommendations(user) {
  const k = Math.max(1, Math.min(maxK, Number($("k").value) || 10));
  const diversity = Number($("diversity").value).toFixed(2);
  const answer = await getJson(`/v1/users/${encodeURIComponent(user)}/recommendations?k=${k}&diversity=${diversity}&explain=true`);
  const fallback = $("fallback");
  fallback.hidden = !answer.fallback;
  fallback.textContent = answer.fallback ? answer.fallback_reason : "";
  $("recommendations").dataset.diversity = diversity;
  $("recommendations").dataset.version = answer.version;
  $("recommendations").replaceChildren(...answer.items.map((entry) => {
    const li = item(entry, true);
    if (entry.because && entry.because.length > 0) {
      const because = document.createElement("span");
      because.className = "because";
      because.textContent = "because of " + entry.because.map((b) => b.label).join(", ");
      li.append(because);
    }
    return li;
  }));
}

async function show() {
  const user = $("user").value.trim();
  if (!user) {
    return;
  }
  $("status").textContent = "";
  try {
    await Promise.all([showHistory(user).catch((error) => {
      $("history-count").textContent = "";
      $("history").replaceChildren();
      if (!error.message.includes("not among the users")) throw error;
    }), showRecommendations(user)]);
    document.body.dataset.loaded = user;
  } catch (error) {
    $("status").textContent = error.message;
  }
}

$("picker").addEventListener("submit", (event) => {
  event.preventDefault();
  show();
});
$("random").addEventListener("click", () => {
  if (users.length > 0) {
    $("user").value = users[Math.floor(Math.random() * users.length)];
    show();
  }
});
$("diversity").addEventListener("input", () => {
  $("diversity-value").textContent = Number($("diversity").value).toFixed(2);
  clearTimeout(pending);
  pending = setTimeout(show, 120);
});

// A link may name the user, the number of items and the diversity: /?user=42&k=10&diversity=0.3
function fromAddress() {
  const query = new URLSearchParams(window.location.search);
  if (query.has("k")) $("k").value = query.get("k");
  if (query.has("diversity")) {
    $("diversity").value = query.get("diversity");
    $("diversity-value").textContent = Number($("diversity").value).toFixed(2);
  }
  if (query.has("user")) {
    $("user").value = query.get("user");
    return true;
  }
  return false;
}

(async () => {
  const named = fromAddress();
  await showModel();
  try {
    await loadUsers();
  } catch (error) {
    $("status").textContent = error.message;
  }
  if (named) {
    show();
  }
  setInterval(showModel, 10000);
})();
