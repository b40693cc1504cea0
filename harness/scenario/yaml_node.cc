#include "harness/scenario/yaml_node.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

#include <algorithm>
#include <map>
#include <optional>

#include "harness/scenario/yaml_reader.h"

namespace tracksim::harness {

std::string_view YamlNode::type_name() const {
  if (is_map()) return "a mapping";
  if (is_seq()) return "a list";
  if (is_scalar()) return "a scalar";
  return "nothing";
}

const std::string& YamlNode::scalar() const {
  static const std::string kEmpty;
  return is_scalar() ? d_->scalar : kEmpty;
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!is_map()) return YamlNode();
  const auto& c = d_->children;
  for (std::size_t i = 0; i + 1 < c.size(); i += 2) {
    if (c[i].type == YamlData::Type::scalar && c[i].scalar == key) return YamlNode(&c[i + 1]);
  }
  return YamlNode();
}

std::size_t YamlNode::size() const {
  if (is_seq()) return d_->children.size() + d_->streamed;
  if (is_map()) return d_->children.size() / 2;
  return 0;
}

std::vector<std::pair<YamlNode, YamlNode>> YamlNode::entries() const {
  std::vector<std::pair<YamlNode, YamlNode>> out;
  if (!is_map()) return out;
  const auto& c = d_->children;
  out.reserve(c.size() / 2);
  for (std::size_t i = 0; i + 1 < c.size(); i += 2) out.emplace_back(&c[i], &c[i + 1]);
  return out;
}

namespace {

bool is_null_word(std::string_view s) {  // yaml-cpp's nulls: plain ~, null, Null, NULL or nothing
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

YamlMark mark_of(const yaml_mark_t& m) {
  return YamlMark{static_cast<std::int64_t>(m.index), static_cast<int>(m.line),
                  static_cast<int>(m.column), true};
}

std::string text_of(const yaml_char_t* s) {
  return s ? std::string(reinterpret_cast<const char*>(s)) : std::string();  // NOLINT: libyaml's
}

// Builds YamlData from libyaml's events, handing out the items of the top-level sequences the
// callbacks ask for.
class Builder {
 public:
  Builder(YamlCallbacks& callbacks, const std::function<void(std::size_t)>& release)
      : cb_(callbacks), release_(release) {}

  // Takes one event; false (with `error` set) when an alias names no anchor.
  bool event(const yaml_event_t& e, std::string& error) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        stack_.clear();
        anchors_.clear();
        alias_nodes_ = 0;
        root_ = YamlData{};
        return true;
      case YAML_DOCUMENT_END_EVENT:
        if (cb_.on_document) cb_.on_document(YamlNode(&root_));
        return true;
      case YAML_ALIAS_EVENT: {
        auto it = anchors_.find(text_of(e.data.alias.anchor));
        if (it == anchors_.end()) return error = "the referenced anchor is not defined", false;
        // Each alias is a copy: a chain of aliases of aliases (an "alias bomb") would grow
        // without end, so the copies together are capped.
        alias_nodes_ += node_count(it->second);
        if (alias_nodes_ > kMaxAliasNodes) {
          return error = "aliases expand to more than " + std::to_string(kMaxAliasNodes) + " nodes",
                 false;
        }
        add(YamlData(it->second), {});
        return true;
      }
      case YAML_SCALAR_EVENT:
        scalar(e);
        return true;
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT:
        if (stack_.size() >= kMaxDepth) {
          return error = "nested deeper than " + std::to_string(kMaxDepth) + " levels", false;
        }
        if (e.type == YAML_SEQUENCE_START_EVENT) {
          open(YamlData::Type::sequence, e.start_mark, text_of(e.data.sequence_start.anchor));
        } else {
          open(YamlData::Type::map, e.start_mark, text_of(e.data.mapping_start.anchor));
        }
        return true;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        return true;
      default:
        return true;
    }
  }

 private:
  struct Frame {
    YamlData data;
    std::string anchor;
    std::string stream_key;  // not empty: items go to on_item
  };

  void scalar(const yaml_event_t& e) {
    YamlData d;
    d.mark = mark_of(e.start_mark);
    const auto& s = e.data.scalar;
    d.scalar.assign(reinterpret_cast<const char*>(s.value), s.length);  // NOLINT: libyaml's bytes
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nullptr;
    d.type = plain && is_null_word(d.scalar) ? YamlData::Type::null : YamlData::Type::scalar;
    if (d.type == YamlData::Type::null) d.scalar.clear();
    add(std::move(d), text_of(s.anchor));
  }

  void open(YamlData::Type type, const yaml_mark_t& mark, std::string anchor) {
    Frame f;
    f.data.type = type;
    f.data.mark = mark_of(mark);
    f.anchor = std::move(anchor);
    // A sequence as the value of a top-level key: ask whether to stream its items.
    if (type == YamlData::Type::sequence && stack_.size() == 1 &&
        stack_[0].data.type == YamlData::Type::map && stack_[0].data.children.size() % 2 == 1) {
      const YamlData& key = stack_[0].data.children.back();
      if (key.type == YamlData::Type::scalar && !key.scalar.empty() && cb_.stream_key &&
          cb_.stream_key(YamlNode(&stack_[0].data), key.scalar)) {
        f.stream_key = key.scalar;
      }
    }
    stack_.push_back(std::move(f));
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    add(std::move(f.data), f.anchor);
  }

  void add(YamlData d, const std::string& anchor) {
    if (!anchor.empty()) anchors_[anchor] = d;
    if (stack_.empty()) {
      root_ = std::move(d);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.stream_key.empty()) {
      parent.data.children.push_back(std::move(d));
      return;
    }
    cb_.on_item(parent.stream_key, YamlNode(&d));
    ++parent.data.streamed;
    // A character offset is never past the byte offset: what is before it has been read.
    if (release_ && d.mark.pos > 0) release_(static_cast<std::size_t>(d.mark.pos));
  }

  // Deeper nesting than any scenario needs, well inside the stack the tree's destructor uses.
  static constexpr std::size_t kMaxDepth = 256;
  static constexpr std::size_t kMaxAliasNodes = 1'000'000;

  static std::size_t node_count(const YamlData& d) {
    std::size_t n = 1;
    for (const YamlData& c : d.children) n += node_count(c);
    return n;
  }

  YamlCallbacks& cb_;
  const std::function<void(std::size_t)>& release_;
  std::size_t alias_nodes_ = 0;
  std::vector<Frame> stack_;
  YamlData root_;
  std::map<std::string, YamlData> anchors_;
};

}  // namespace

Result<void> read_yaml(std::string_view text, const std::string& file, YamlCallbacks& callbacks,
                       const std::function<void(std::size_t pos)>& release) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return unexpected(Error{"out of memory", file});
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());  // NOLINT: libyaml reads bytes
  Builder builder(callbacks, release);
  std::optional<Error> error;
  for (bool done = false; !done && !error;) {
    yaml_event_t e;
    if (!yaml_parser_parse(&parser, &e)) {
      std::string message = "malformed YAML: " + std::string(parser.problem ? parser.problem : "?");
      if (parser.context) {
        message += " (" + std::string(parser.context) + " at line " +
                   std::to_string(parser.context_mark.line + 1) + ")";
      }
      error = Error{message, yaml_location(file, text, mark_of(parser.problem_mark))};
      break;
    }
    std::string problem;
    if (!builder.event(e, problem)) {
      error = Error{"malformed YAML: " + problem, yaml_location(file, text, mark_of(e.start_mark))};
    }
    done = e.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&parser);
  if (error) {
    // libyaml stops at a NUL byte or ill-formed UTF-8 in its own words; scanning the text only
    // now (not before every read: the file may be large) names the byte as yaml-cpp files get it.
    if (auto checked = check_yaml_text(text, file); !checked) return unexpected(checked.error());
    return unexpected(std::move(*error));
  }
  return {};
}

YamlData from_yaml_cpp(const YAML::Node& node) {
  YamlData d;
  const YAML::Mark m = node.Mark();
  d.mark = YamlMark{m.pos, m.line, m.column};
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      d.type = YamlData::Type::scalar;
      d.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      d.type = YamlData::Type::sequence;
      for (const auto& item : node) d.children.push_back(from_yaml_cpp(item));
      break;
    case YAML::NodeType::Map:
      d.type = YamlData::Type::map;
      for (const auto& kv : node) {
        d.children.push_back(from_yaml_cpp(kv.first));
        d.children.push_back(from_yaml_cpp(kv.second));
      }
      break;
    default:
      break;
  }
  return d;
}

Result<MappedFile> MappedFile::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    return unexpected(Error{"cannot read file", path, ErrorKind::io});
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile(nullptr, 0);
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return unexpected(Error{"cannot read file", path, ErrorKind::io});
  ::madvise(p, size, MADV_SEQUENTIAL);
  return MappedFile(static_cast<const char*>(p), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      released_(other.released_) {}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);  // NOLINT: the mapping is ours
}

void MappedFile::release_before(std::size_t pos) {
  constexpr std::size_t kStep = std::size_t{8} << 20;  // give pages back 8 MB at a time
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const std::size_t end = std::min(pos, size_) / page * page;
  if (!data_ || end < released_ + kStep) return;
  ::madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);  // NOLINT
  released_ = end;
}

}  // namespace tracksim::harness
