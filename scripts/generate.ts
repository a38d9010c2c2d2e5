// `npm run generate`: forge build, then lib/generated/integra.ts from the build and every saved deployment.
import { forgeBuild } from "./lib/build.ts";
import { writeGeneratedModule } from "./lib/generate.ts";

forgeBuild();
console.log(`wrote ${writeGeneratedModule()}`);
