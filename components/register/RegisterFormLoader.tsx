"use client";

import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/Skeleton";

/** The form reads its saved draft from localStorage at once, so it renders in the browser only. */
export const RegisterFormLoader = dynamic(() => import("./RegisterForm").then((m) => m.RegisterForm), {
  ssr: false,
  loading: () => <Loading label="Loading the form…" />,
});
