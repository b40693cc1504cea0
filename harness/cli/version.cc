namespace tracksim::harness {
const char* version() { return "0.1.0"; }
}  // namespace tracksim::harness
