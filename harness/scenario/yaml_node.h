// YamlNode: a compact, read-only YAML tree that both loaders validate. Scenario files are read with
// libyaml's event parser and stream: items of a top-level list are handed over one by one and
// dropped, so an 18 MB file never becomes a whole tree (yaml-cpp's scanner alone took 6.8 s on it,
// libyaml 0.9 s; docs/benchmarks.md). Rulesets and order files, a few KB, stay with yaml-cpp and
// are converted. Private to harness/scenario. Not thread-safe; one reader per file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/core/result.h"

namespace YAML {
class Node;
}

namespace tracksim::harness {

// Where a node starts: 0-based line and column, and the offset from the start of the text. yaml-cpp
// counts bytes in both (`in_chars` false); libyaml counts characters.
struct YamlMark {
  std::int64_t pos = -1;
  int line = -1;
  int column = -1;
  bool in_chars = false;
  bool is_null() const { return pos == -1 && line == -1 && column == -1; }
};

// One node as yaml-cpp's events describe it. A mapping's children alternate key, value.
struct YamlData {
  enum class Type : unsigned char { null, scalar, sequence, map };
  Type type = Type::null;
  YamlMark mark;
  std::string scalar;
  std::vector<YamlData> children;
  std::size_t streamed = 0;  // items of a sequence handed out while reading, not kept here
};

// A handle on a YamlData (or on nothing: an absent key), cheap to copy; valid while its tree is.
class YamlNode {
 public:
  YamlNode() = default;
  explicit YamlNode(const YamlData* data) : d_(data) {}

  explicit operator bool() const { return d_ != nullptr; }
  bool is_null() const { return d_ && d_->type == YamlData::Type::null; }
  bool is_scalar() const { return d_ && d_->type == YamlData::Type::scalar; }
  bool is_seq() const { return d_ && d_->type == YamlData::Type::sequence; }
  bool is_map() const { return d_ && d_->type == YamlData::Type::map; }
  // The type in words for messages: "a mapping", "a list", "a scalar" or "nothing".
  std::string_view type_name() const;
  const std::string& scalar() const;
  YamlMark mark() const { return d_ ? d_->mark : YamlMark{}; }
  // The value of the first `key` of a mapping; nothing when absent or not a mapping.
  YamlNode operator[](std::string_view key) const;
  // Kept item `i` of a sequence; nothing when out of range or not a sequence.
  YamlNode at(std::size_t i) const {
    return is_seq() && i < d_->children.size() ? YamlNode(&d_->children[i]) : YamlNode();
  }
  // Items of a sequence, including those handed out while reading.
  std::size_t size() const;
  // A sequence's kept items (`for (YamlNode item : seq)`); nothing for anything else.
  class Iterator {
   public:
    explicit Iterator(const YamlData* p) : p_(p) {}
    YamlNode operator*() const { return YamlNode(p_); }
    Iterator& operator++() { return ++p_, *this; }
    bool operator!=(const Iterator& other) const { return p_ != other.p_; }

   private:
    const YamlData* p_;
  };
  Iterator begin() const { return Iterator(is_seq() ? d_->children.data() : nullptr); }
  Iterator end() const {
    return Iterator(is_seq() ? d_->children.data() + d_->children.size() : nullptr);
  }
  // A mapping's (key, value) pairs in file order, duplicates included; empty for anything else.
  std::vector<std::pair<YamlNode, YamlNode>> entries() const;

 private:
  const YamlData* d_ = nullptr;
};

// Reads the documents of a YAML stream with libyaml and calls back per document. When
// `stream_key` says yes for a top-level key whose value is a sequence, each item of it goes to
// `on_item` as soon as it is read and is then dropped (the sequence keeps only its count).
struct YamlCallbacks {
  // Called when the value of top-level `key` starts as a sequence; `root` is the document so far.
  std::function<bool(YamlNode root, std::string_view key)> stream_key;
  std::function<void(std::string_view key, YamlNode item)> on_item;
  std::function<void(YamlNode document)> on_document;
};

// Parses `text` (from `file`, for messages); a syntax error ends reading with
// "file:line:col: malformed YAML: ...". `release(pos)` (may be empty) is told that the text
// before byte `pos` has been read (at least).
Result<void> read_yaml(std::string_view text, const std::string& file, YamlCallbacks& callbacks,
                       const std::function<void(std::size_t pos)>& release = {});

// yaml-cpp's tree for a small file (a ruleset, an order file) as a YamlData.
YamlData from_yaml_cpp(const YAML::Node& node);

// A file mapped into memory for reading, whose pages can be given back once read.
class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  ~MappedFile();
  std::string_view text() const { return {data_, size_}; }
  // Drops resident pages before `pos` (they read back from the file if touched again).
  void release_before(std::size_t pos);

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t released_ = 0;
};

}  // namespace tracksim::harness
