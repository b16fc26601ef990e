#include "engine/store/answer_journal.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/error.h"
#include "engine/hash.h"
#include "engine/question.h"

namespace proctor {

namespace {

// One line per record: tab-separated fields (text fields hex-encoded, so no field holds a tab or a
// newline), then the hash of everything before it. A line cut short by a kill during the write
// has no newline or a wrong hash, and ends the reading: it was never acknowledged.
constexpr const char* kMagic = "proctor answer journal 1";

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

bool Unhex(std::string_view hex, std::string& out) {
  if (hex.size() % 2 != 0) return false;
  out.clear();
  auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = value(hex[i]), lo = value(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  return true;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

std::string Header(const AttemptOwner& owner) {
  return std::string(kMagic) + "\t" + std::to_string(owner.pid) + "\t" + Hex(owner.host) + "\t" + Hex(owner.process_start);
}

std::string Line(const AnswerJournal::Record& r) {
  std::string body = "R\t" + std::to_string(r.attempt_id) + "\t" + std::to_string(r.position) + "\t" + Hex(r.response) + "\t" +
                     (r.flagged ? "1" : "0") + "\t" + std::to_string(r.time_spent_ms) + "\t" + (r.correct ? "1" : "0") + "\t" +
                     Hex(r.struck) + "\t" + std::to_string(r.move_to);
  return body + "\t" + Hash64Hex(body) + "\n";
}

// The records of a journal file whose header names `owner`; stops at the first damaged line.
std::vector<AnswerJournal::Record> ReadJournal(const std::string& path, const AttemptOwner& owner) {
  std::vector<AnswerJournal::Record> records;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!std::getline(in, line) || line != Header(owner)) return records;
  while (std::getline(in, line) && !in.eof()) {  // eof: the last line had no newline (cut short)
    size_t tab = line.rfind('\t');
    if (tab == std::string::npos || Hash64Hex(line.substr(0, tab)) != line.substr(tab + 1)) break;
    std::vector<std::string> f = Split(line.substr(0, tab));
    if (f.size() != 9 || f[0] != "R") break;
    AnswerJournal::Record r;
    try {
      r.attempt_id = std::stoll(f[1]);
      r.position = std::stoi(f[2]);
      r.flagged = f[4] == "1";
      r.time_spent_ms = std::stoll(f[5]);
      r.correct = f[6] == "1";
      r.move_to = std::stoi(f[8]);
    } catch (const std::exception&) {
      break;
    }
    if (!Unhex(f[3], r.response) || !Unhex(f[7], r.struck)) break;
    records.push_back(std::move(r));
  }
  return records;
}

void Apply(Database& db, const std::vector<AnswerJournal::Record>& records) {
  Statement item(db, R"sql(
      UPDATE attempt_items SET response = ?3, flagged = ?4, time_spent_ms = ?5, correct = ?6, struck = ?7
       WHERE attempt_id = ?1 AND position = ?2
         AND EXISTS (SELECT 1 FROM attempts WHERE id = ?1 AND status = 'in_progress'))sql");
  Statement move(db, "UPDATE attempts SET position = ?2 WHERE id = ?1 AND status = 'in_progress'");
  Statement answered(db, R"sql(
      UPDATE attempts SET answered = (SELECT count(*) FROM attempt_items WHERE attempt_id = ?1 AND response <> '')
       WHERE id = ?1)sql");
  std::vector<int64_t> attempts;
  for (const AnswerJournal::Record& r : records) {
    item.Reset();
    item.Bind(1, r.attempt_id).Bind(2, r.position).Bind(3, r.response).Bind(4, r.flagged ? 1 : 0)
        .Bind(5, r.time_spent_ms).Bind(6, r.correct ? 1 : 0).Bind(7, r.struck).Run();
    if (r.move_to >= 0) {
      move.Reset();
      move.Bind(1, r.attempt_id).Bind(2, r.move_to).Run();
    }
    if (std::find(attempts.begin(), attempts.end(), r.attempt_id) == attempts.end()) attempts.push_back(r.attempt_id);
  }
  for (int64_t id : attempts) {
    answered.Reset();
    answered.Bind(1, id).Run();
  }
}

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

}  // namespace

std::string JournalPath(const std::string& db_path, const AttemptOwner& owner) {
  return db_path + ".answers-" + std::to_string(owner.pid) + "-" + owner.process_start;
}

AnswerJournal::AnswerJournal(const std::string& db_path, const AttemptOwner& owner)
    : path_(JournalPath(db_path, owner)), header_(Header(owner)) {}

std::vector<int> AnswerJournal::PendingQuestions() const {
  std::vector<int> questions;
  for (const Record& r : records_) {
    if (std::find(questions.begin(), questions.end(), r.position + 1) == questions.end()) questions.push_back(r.position + 1);
  }
  return questions;
}

void AnswerJournal::Append(int64_t attempt_id, int position, const AttemptItem& item, int move_to) {
  Record r;
  r.attempt_id = attempt_id;
  r.position = position;
  r.response = EncodeResponse(item.response);
  r.flagged = item.flagged;
  r.time_spent_ms = item.time_spent_ms;
  r.correct = IsCorrect(item.question, item.response);
  r.struck = EncodeResponse(item.struck);
  r.move_to = move_to;
  std::string text = (records_.empty() ? header_ + "\n" : std::string()) + Line(r);
  // A fresh file for the first record: a spent journal of an earlier run is never appended to.
  const int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (records_.empty() ? O_TRUNC : O_APPEND), 0600);
  if (fd < 0) throw Error(path_ + ": cannot keep the answer aside: " + std::strerror(errno));
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int e = errno;
      close(fd);
      throw Error(path_ + ": cannot keep the answer aside: " + std::strerror(e));
    }
    done += static_cast<size_t>(n);
  }
  const bool synced = fdatasync(fd) == 0;
  const int e = errno;
  close(fd);
  if (!synced) throw Error(path_ + ": cannot keep the answer aside: " + std::strerror(e));
  if (records_.empty()) {
    // The new file's name must survive a power cut too.
    const int dir = open(DirectoryOf(path_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      fsync(dir);
      close(dir);
    }
  }
  records_.push_back(std::move(r));
}

void AnswerJournal::ApplyInTransaction(Database& db) const { Apply(db, records_); }

void AnswerJournal::Clear() {
  if (records_.empty()) return;
  records_.clear();
  unlink(path_.c_str());
}

int ApplyJournalOf(Database& db, const AttemptOwner& stale, int64_t attempt_id) {
  if (db.path() == ":memory:") return 0;
  std::vector<AnswerJournal::Record> records = ReadJournal(JournalPath(db.path(), stale), stale);
  records.erase(std::remove_if(records.begin(), records.end(), [&](const AnswerJournal::Record& r) { return r.attempt_id != attempt_id; }),
                records.end());
  Apply(db, records);
  return static_cast<int>(records.size());
}

void RemoveSpentJournals(Database& db) {
  if (db.path() == ":memory:") return;
  const std::string dir = DirectoryOf(db.path());
  size_t slash = db.path().rfind('/');
  const std::string prefix = (slash == std::string::npos ? db.path() : db.path().substr(slash + 1)) + ".answers-";
  std::vector<std::string> files;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (std::string name = e->d_name; name.rfind(prefix, 0) == 0) files.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    if (!std::getline(in, line)) continue;
    std::vector<std::string> f = Split(line);
    AttemptOwner owner;
    if (f.size() != 4 || f[0] != kMagic || !Unhex(f[2], owner.host) || !Unhex(f[3], owner.process_start)) continue;
    try {
      owner.pid = std::stoll(f[1]);
    } catch (const std::exception&) {
      continue;
    }
    if (OwnerIsAlive(owner)) continue;
    Statement held(db, "SELECT 1 FROM attempt_leases WHERE pid = ?1 AND host = ?2 AND process_start = ?3");
    held.Bind(1, owner.pid).Bind(2, owner.host).Bind(3, owner.process_start);
    if (!held.Step()) unlink(file.c_str());
  }
}

}  // namespace proctor
