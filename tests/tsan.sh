#!/usr/bin/env bash
# ThreadSanitizer on the concurrency tests (server, proxy, pushes, engines over HTTP, the runner):
# builds the tsan preset and runs those tests. Not yet part of .ci/run: it has not had a clean run.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tsan && cmake --build --preset tsan --target tracksim tracksim_unit_tests
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1" ctest --preset tsan -R \
  '^(CarrierServerTest|HttpFaultTest|AdminTokenTest|FaultProxy|ServerClock|ServerState|HttpEngine|HttpRunner|RunJudgeAgreement|ExecEngine|ExecEngineOverHttp|Serve)\.'
