#include "cli/tui/start_screen.h"

#include <algorithm>
#include <vector>

#include "cli/answer_format.h"
#include "cli/tui/render_parts.h"
#include "engine/text.h"

namespace proctor {

StartInfo StartInfoOf(const Attempt& drawn, bool esl) {
  StartInfo info;
  info.code = drawn.blueprint.code;
  info.name = drawn.blueprint.name;
  info.questions = static_cast<int>(drawn.items.size());
  info.unscored = static_cast<int>(
      std::count_if(drawn.items.begin(), drawn.items.end(), [](const AttemptItem& i) { return !i.form.scored; }));
  info.minutes = drawn.minutes;
  info.esl = esl;
  info.pass_score = drawn.blueprint.pass_score;
  info.scale_min = drawn.blueprint.scale_min;
  info.scale_max = drawn.blueprint.scale_max;
  return info;
}

Frame RenderStartScreen(const StartInfo& info, const std::string& notice, int width, int height) {
  Frame f(width, height);
  const int w = width - 2;
  if (width < kMinWidth || height < kMinHeight) {
    f.Put(height / 2, 0, TruncateToWidth(" Terminal too small: proctor needs " + std::to_string(kMinWidth) + "x" +
                                             std::to_string(kMinHeight) + ". The clock has not started.", width), Style::kBold);
    return f;
  }
  f.FillRow(0, Style::kBar);
  f.Put(0, 0, TruncateToWidth(" " + info.code + "  " + info.name, width - 2), Style::kBar);
  if (!notice.empty()) f.Put(1, 1, TruncateToWidth(notice, w), Style::kWarn);
  std::vector<BodyLine> lines;
  std::string clock = std::to_string(info.minutes) + " minutes";
  if (info.esl) clock += ", including the 30-minute ESL accommodation";
  render::AddWrapped(lines, "Before you begin", w, Style::kBold);
  lines.push_back({""});
  const int scored = info.questions - info.unscored;
  render::AddWrapped(lines, CountOf(info.questions, "question") +
                                (info.unscored > 0 ? ": " + std::to_string(scored) + " scored and " + std::to_string(info.unscored) +
                                                         " unscored. The unscored ones look like the others, as on the real exam."
                                                   : ". Every question counts."),
                     w, Style::kNormal, "  ", "  ");
  render::AddWrapped(lines, "Time: " + clock + ". The clock starts when you press Enter and keeps running if you leave; "
                     "at zero the exam ends with your saved answers.", w, Style::kNormal, "  ", "  ");
  render::AddWrapped(lines, "Pass: " + std::to_string(info.pass_score) + " on a scale of " + std::to_string(info.scale_min) + "-" +
                                std::to_string(info.scale_max) + ". Unanswered questions count as wrong; guessing costs nothing.",
                     w, Style::kNormal, "  ", "  ");
  lines.push_back({""});
  render::AddWrapped(lines, "Keys", w, Style::kBold);
  const std::pair<const char*, const char*> keys[] = {
      {"A-E", "choose (toggle on multiple response)"}, {"Left/Right", "previous, next"},
      {"F", "flag for review"}, {"R", "review screen"},
      {"S", "strike out the option under the cursor"}, {"E", "end the exam"},
      {"?", "every key"}, {"Q", "leave for now"},
  };
  if (w >= 78) {
    for (size_t i = 0; i + 1 < std::size(keys); i += 2) {
      lines.push_back({"  " + PadRight(keys[i].first, 10) + PadRight(keys[i].second, 40) + PadRight(keys[i + 1].first, 12) +
                       keys[i + 1].second});
    }
  } else {
    render::AddWrapped(lines, "A-E choose \xC2\xB7 Left/Right move \xC2\xB7 F flag \xC2\xB7 S strike out \xC2\xB7 R review \xC2\xB7 "
                              "E end \xC2\xB7 ? every key \xC2\xB7 Q leave for now", w, Style::kNormal, "  ", "  ");
  }
  lines.push_back({""});
  render::AddWrapped(lines, "Every answer is saved the moment you give it.", w, Style::kDim, "  ", "  ");
  render::DrawBody(f, lines, 0, -1, nullptr);
  render::Footer(f, "Enter start the exam  Q leave (nothing is saved)", "The clock has not started.");
  return f;
}

void ShowStartScreenNotice(Terminal& terminal, const StartInfo& info, const std::string& notice) {
  terminal.Draw(RenderStartScreen(info, notice, terminal.width(), terminal.height()));
}

bool RunStartScreen(Terminal& terminal, const StartInfo& info) {
  while (true) {
    terminal.Draw(RenderStartScreen(info, "", terminal.width(), terminal.height()));
    KeyEvent key = terminal.ReadKey(1000);
    switch (key.kind) {
      case KeyEvent::Kind::kEnter: return true;
      case KeyEvent::Kind::kEscape:
      case KeyEvent::Kind::kHangup:
      case KeyEvent::Kind::kInterrupt: return false;
      case KeyEvent::Kind::kCtrl:
        if (key.ch == 'c') return false;
        break;
      case KeyEvent::Kind::kChar:
        if (key.ch == 'q' || key.ch == 'Q') return false;
        break;
      default: break;
    }
  }
}

}  // namespace proctor
