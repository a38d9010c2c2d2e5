// `npm run generate`: forge build, then lib/generated/integra.ts from the build and every saved deployment.
import { forgeBuild } from "./stack/build.ts";
import { writeGeneratedModule } from "./stack/generate.ts";

forgeBuild();
console.log(`wrote ${writeGeneratedModule()}`);
