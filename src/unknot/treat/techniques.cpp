#include "unknot/treat/techniques.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <set>

#include "unknot/assess/content_json.hpp"

namespace unknot::treat {

const Technique* Techniques::Find(std::string_view code) const {
  for (const auto& technique : items) {
    if (technique.code == code) return &technique;
  }
  return nullptr;
}

Result<Techniques> ParseTechniques(std::string_view json_text) {
  auto value = assess::ParseContentJson(json_text);
  if (!value) return value.error();
  IssueList issues;
  assess::ContentReader reader(issues);
  const auto* root = reader.Root(*value);
  if (root == nullptr) return Error::Invalid(issues.Take());
  reader.KnownKeys(*root, "", {"schema_version", "techniques"});
  reader.SchemaVersion(*root, kTechniquesSchemaVersion);

  Techniques techniques;
  std::set<std::string, std::less<>> seen;
  if (const auto* list = reader.Array(*root, "techniques", "", true, 1)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string path = assess::JsonPath("techniques", i);
      const auto* entry = reader.ElementObject((*list)[i], path);
      if (entry == nullptr) continue;
      reader.KnownKeys(*entry, path, {"code", "label"});
      auto code = reader.Code(*entry, "code", path, seen);
      auto label = reader.String(*entry, "label", path);
      if (label && label->size() > kMaxTechniqueLabelLength) {
        reader.Fail(assess::JsonPath(path, "label"), "too-long",
                    fmt::format("A label has at most {} characters.", kMaxTechniqueLabelLength));
        continue;
      }
      if (code && label) techniques.items.push_back({std::move(*code), std::move(*label)});
    }
  }
  return assess::FinishContent(std::move(techniques), issues);
}

Result<Techniques> LoadTechniques(const std::filesystem::path& content_dir) {
  auto text = assess::ReadContentFile(content_dir / kTechniquesFile);
  if (!text) return text.error();
  return ParseTechniques(*text);
}

}  // namespace unknot::treat
